package mx.implan.brujula.app.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import mx.implan.brujula.app.storage.AtomicFiles;

/**
 * Seals session files (refresh tokens) with AES-256-GCM under a device key kept in a separate, owner-only file.
 *
 * <p>Threat model. What this protects against: the session files leaking on their own — a backup or sync of
 * the app's data that leaves out the key directory, a copy pulled off a shared tablet's storage by another app
 * or user account without access to the key file, a support bundle, someone reading the files by hand. GCM also
 * makes tampering detectable (a changed file fails to open instead of yielding a forged token), and each file
 * is bound to its username (associated data), so swapping two users' files on a shared tablet fails too.
 * What it does not protect against: an attacker with the device's root or the app's own identity (they read
 * the key file as the app can), or a copy of both files. On Android and iOS the device key belongs in the
 * Android Keystore / iOS Keychain (non-exportable, hardware-backed where available), which closes the "copy
 * of both files" case; this desktop implementation keeps the key in {@code keys/device.key} with permissions
 * {@code rw-------} in a {@code rwx------} directory. Refresh tokens are also short-lived and single-use on the
 * server (rotation), which limits what a stolen one is worth.
 */
final class SessionVault {

    private static final byte[] MAGIC = "BRS1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final SecretKey key;

    private SessionVault(SecretKey key) {
        this.key = key;
    }

    /** Loads the device key from {@code keyDir}, creating it (owner-only) on first use. */
    static SessionVault open(Path keyDir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(keyDir)) {
            if (posix) {
                Files.createDirectories(keyDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(keyDir);
            }
        }
        if (posix) {
            Files.setPosixFilePermissions(keyDir, OWNER_ONLY_DIR);
        }
        Path file = keyDir.resolve("device.key");
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path temp = keyDir.resolve(AtomicFiles.TEMP_PREFIX + "device.key");
            Files.deleteIfExists(temp);
            if (posix) {
                // Created owner-only: never readable by others, not even between creation and a chmod.
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(temp);
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(fresh));
                channel.force(true);
            }
            AtomicFiles.moveIntoPlace(temp, file);
        }
        if (posix && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != 32) {
            throw new IOException("The device key " + file + " is damaged (" + raw.length + " bytes)");
        }
        return new SessionVault(new SecretKeySpec(raw, "AES"));
    }

    byte[] seal(byte[] plain, String boundTo) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[MAGIC.length + IV_BYTES + sealed.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(iv, 0, out, MAGIC.length, IV_BYTES);
            System.arraycopy(sealed, 0, out, MAGIC.length + IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** The plain bytes, or an exception when the file was altered, belongs to another user or another device key. */
    byte[] open(byte[] sealed, String boundTo) throws GeneralSecurityException {
        if (sealed.length < MAGIC.length + IV_BYTES + TAG_BITS / 8
                || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new GeneralSecurityException("not a sealed session file");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key,
                new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, IV_BYTES));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, MAGIC.length + IV_BYTES, sealed.length - MAGIC.length - IV_BYTES);
    }
}
