package mx.implan.brujula.app.sync;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.journal.FileJournal;

/** A device (journal, accounts, engine) talking to a server, and checks of what the backend stored. */
final class EngineFixture implements AutoCloseable {

    final FileJournal journal;
    final FileAccounts accounts;
    final BackgroundSyncEngine engine;

    EngineFixture(Path dir, String deviceId, URI server) {
        this(dir, deviceId, server, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    EngineFixture(Path dir, String deviceId, URI server, Timeouts timeouts) {
        journal = FileJournal.open(dir.resolve("journal"), deviceId, Clock.systemDefaultZone(), Locale.forLanguageTag("es-MX"));
        accounts = FileAccounts.open(dir.resolve("accounts"), server, BackendProcess.APP_VERSION,
                Locale.forLanguageTag("es-MX"), Clock.systemDefaultZone(), timeouts);
        engine = new BackgroundSyncEngine(journal, accounts, Clock.systemDefaultZone(), new BackgroundSyncEngine.Settings(
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(15), 20, new Random(1), false));
    }

    /** Runs rounds until {@code done} or {@code maxRounds}; returns the last status. */
    SyncStatus syncUntil(Predicate<SyncStatus> done, int maxRounds) {
        SyncStatus s = null;
        for (int i = 0; i < maxRounds; i++) {
            s = engine.syncNow();
            if (done.test(s)) {
                return s;
            }
        }
        return s;
    }

    @Override
    public void close() {
        engine.close();
        journal.close();
    }

    /** Rows of the backend's observations by {@code author}: id → {rev, notes, revisions written by a device}. */
    static Map<String, List<Object>> stored(BackendProcess backend, String author) throws SQLException {
        Map<String, List<Object>> rows = new HashMap<>();
        try (Connection c = backend.database(); PreparedStatement s = c.prepareStatement("""
                SELECT o.id::text, o.rev, o.notes, (SELECT count(*) FROM observation_revision r WHERE r.observation_id = o.id AND r.op_id IS NOT NULL)
                FROM observation o WHERE o.author = ?""")) {
            s.setString(1, author);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(r.getLong(2));
                    row.add(r.getString(3));
                    row.add(r.getLong(4));
                    rows.put(r.getString(1), row);
                }
            }
        }
        return rows;
    }

    static List<String> storedPhotos(BackendProcess backend, List<String> hashes) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = backend.database();
             PreparedStatement s = c.prepareStatement("SELECT sha256 FROM attachment WHERE sha256 = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", hashes.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1).trim());
                }
            }
        }
        return found;
    }

    static long count(BackendProcess backend, String sql, Object... args) throws SQLException {
        try (Connection c = backend.database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
