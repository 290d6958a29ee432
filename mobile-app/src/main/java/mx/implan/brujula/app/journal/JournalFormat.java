package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.ChecksummedFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk format version ({@code FORMAT}, e.g. {@code brujula-journal 2}) and the upgrades between
 * versions, run when a newer app opens an older journal. Each step is idempotent and every file it writes is
 * replaced atomically, and the version is bumped only after the step completes: a crash during an upgrade
 * leaves a journal the next start upgrades again from where it was.
 *
 * <p>Version 1 (app 1.0–1.3): entries as plain JSON ({@code entries/<id>.json}, no checksum), the waiting
 * state named {@code QUEUED}, photos stored as {@code photos/<sha256>.<ext>}. Version 2: entries in a
 * checksummed envelope ({@code entries/<id>.entry}), {@code PENDING}, photos named by hash only (the type
 * lives in the entry).
 */
final class JournalFormat {

    static final int CURRENT = 2;
    static final String FILE = "FORMAT";
    private static final String PREFIX = "brujula-journal ";
    private static final Pattern V1_PHOTO = Pattern.compile("([0-9a-f]{64})\\.[A-Za-z0-9]{1,5}");

    private JournalFormat() {
    }

    /** Reads the format of {@code dir}, upgrading it to {@link #CURRENT}; a new journal starts at CURRENT. */
    static int openAndUpgrade(Path dir, ObjectMapper json) throws IOException {
        int version = read(dir);
        if (version > CURRENT) {
            // Opening it would risk rewriting what a newer app understands and this one does not.
            throw new JournalException("The journal in " + dir + " was written by a newer app (format " + version
                    + "); this app understands up to " + CURRENT + ". Update the app.");
        }
        if (version == 1) {
            upgradeFrom1(dir, json);
            version = 2;
            write(dir, version);
        }
        return version;
    }

    static int read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.startsWith(PREFIX)) {
                throw new JournalException("Unreadable " + file + ": " + text);
            }
            try {
                return Integer.parseInt(text.substring(PREFIX.length()).strip());
            } catch (NumberFormatException e) {
                throw new JournalException("Unreadable " + file + ": " + text, e);
            }
        }
        // Version 1 had no FORMAT file; a directory without entries is a new journal.
        if (hasFiles(dir.resolve("entries"))) {
            return 1;
        }
        Files.createDirectories(dir);
        write(dir, CURRENT);
        return CURRENT;
    }

    static void write(Path dir, int version) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), (PREFIX + version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            return files.iterator().hasNext();
        }
    }

    private static void upgradeFrom1(Path dir, ObjectMapper json) throws IOException {
        Path entries = dir.resolve("entries");
        AtomicFiles.removeTemporaries(entries);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(entries, "*.json")) {
            for (Path old : files) {
                String name = old.getFileName().toString();
                Path upgraded = entries.resolve(name.substring(0, name.length() - ".json".length()) + EntryStore.ENTRY_SUFFIX);
                if (!Files.exists(upgraded)) {
                    byte[] bytes = Files.readAllBytes(old);
                    JsonNode tree;
                    try {
                        tree = json.readTree(bytes);
                    } catch (IOException e) {
                        // Format 1 had no checksum: an unreadable file is kept as it is and reported on open.
                        continue;
                    }
                    if (tree instanceof ObjectNode entry) {
                        if ("QUEUED".equals(entry.path("state").asText())) {
                            entry.put("state", EntryState.PENDING.name());
                        }
                        AtomicFiles.write(upgraded, ChecksummedFile.encode(json.writeValueAsBytes(entry)));
                    } else {
                        continue;
                    }
                }
                AtomicFiles.delete(old);
            }
        }
        Path photos = dir.resolve("photos");
        if (Files.isDirectory(photos)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(photos)) {
                for (Path old : files) {
                    Matcher m = V1_PHOTO.matcher(old.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    Path renamed = photos.resolve(m.group(1));
                    if (Files.exists(renamed)) {
                        AtomicFiles.delete(old);
                    } else {
                        AtomicFiles.moveIntoPlace(old, renamed);
                    }
                }
            }
        }
    }
}
