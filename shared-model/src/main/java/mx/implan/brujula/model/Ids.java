package mx.implan.brujula.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/** UUID factories (RFC 9562). Hand-written to keep the mobile app free of extra dependencies. */
public final class Ids {

    /**
     * Namespace for Brújula's name-based ids (UUIDv5), e.g. ids of imported records derived from
     * their source key so a re-import yields the same id. Never change it: every derived id depends on it.
     */
    public static final UUID BRUJULA_NAMESPACE = UUID.fromString("56b92500-2b63-40b7-b959-db823a7abfb0");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * Time-ordered random UUID (version 7). Its time part is the device clock: good for index
     * locality, never for ordering or dating records.
     */
    public static UUID newV7() {
        return v7(System.currentTimeMillis());
    }

    static UUID v7(long epochMillis) {
        byte[] rand = new byte[10];
        RANDOM.nextBytes(rand);
        ByteBuffer random = ByteBuffer.wrap(rand);
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L
                | (random.getShort() & 0x0FFFL);
        long lsb = (random.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** UUIDv5 of {@code name} in {@link #BRUJULA_NAMESPACE}. */
    public static UUID nameBased(String name) {
        return nameBased(BRUJULA_NAMESPACE, name);
    }

    /** UUIDv5 (SHA-1) of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID nameBased(UUID namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
        long msb = (hash.getLong() & ~0xF000L) | 0x5000L;
        long lsb = (hash.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
