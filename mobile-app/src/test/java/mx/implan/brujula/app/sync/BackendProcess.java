package mx.implan.brujula.app.sync;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.api.TokenStore;
import mx.implan.brujula.model.ClientVersion;
import mx.implan.brujula.testsupport.BackendJar;

/**
 * The backend as the field app's integration tests run it: test-support's {@link BackendJar} on the database
 * {@code <BRUJULA_TEST_DB_NAME>_app}, with a push limit small enough for the client's 413 halving, plus what the
 * app's tests make of it (users with unique names, clients). Started once per test JVM by {@link RunningBackend}.
 */
public final class BackendProcess implements AutoCloseable {

    /**
     * The database this run owns: {@code <BRUJULA_TEST_DB_NAME>_app} (dropped and recreated at start), so
     * engineers and CI jobs testing on one PostgreSQL server never share it.
     */
    static final String DATABASE = databaseName(System.getenv("BRUJULA_TEST_DB_NAME"));
    /** Small, so the client's 413 halving runs against the real server. */
    static final int MAX_ITEMS = 5;
    static final ClientVersion APP_VERSION = ClientVersion.parse("mobile-app/1.0.0").orElseThrow();

    private static final AtomicInteger USERS = new AtomicInteger();

    private final BackendJar backend;

    private BackendProcess(BackendJar backend) {
        this.backend = backend;
    }

    static BackendProcess start() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path jar = Path.of(System.getProperty("brujula.backend.jar",
                module.resolveSibling("backend").resolve("target/quarkus-app/quarkus-run.jar").toString()));
        return new BackendProcess(BackendJar.launch(jar)
                .database(DATABASE)
                .workDir(module.resolve("target/backend-it"))
                .env(Map.of("BRUJULA_SYNC_MAX_ITEMS", Integer.toString(MAX_ITEMS)))
                .jvmOptions(List.of())
                .stagedCopy()
                .start());
    }

    static String databaseName(String testDatabase) {
        if (testDatabase == null || testDatabase.isBlank()) {
            return "brujula_test_app";
        }
        String name = testDatabase.strip() + "_app";
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            // It goes into DROP/CREATE DATABASE: only a plain identifier is acceptable.
            throw new IllegalStateException("BRUJULA_TEST_DB_NAME must be a plain identifier: " + testDatabase);
        }
        return name;
    }

    /** A JDBC connection to this backend's database (tests check what was stored, e.g. no duplicates). */
    public Connection database() throws SQLException {
        return backend.database();
    }

    /** The server's address ({@code http://127.0.0.1:<port>/}). */
    public URI baseUri() {
        return backend.baseUri();
    }

    /**
     * Makes a user through the backend's command mode, exactly as an administrator would, and returns its name
     * (unique per call, so test classes sharing the backend never collide).
     */
    public String createUser(String role, String password) {
        String username = role.toLowerCase(Locale.ROOT) + USERS.incrementAndGet() + Long.toHexString(System.nanoTime() & 0xffffff);
        createUser(username, role, password);
        return username;
    }

    public void createUser(String username, String role, String password) {
        backend.createUser(username, role, password);
    }

    /** A client of this backend with its own token store. */
    public SyncClient client(TokenStore tokens) {
        return client(APP_VERSION, tokens);
    }

    public SyncClient client(ClientVersion version, TokenStore tokens) {
        return new SyncClient(backend.baseUri(), version, Locale.forLanguageTag("es-MX"), tokens, Clock.systemDefaultZone(),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Override
    public void close() {
        backend.close();
    }
}
