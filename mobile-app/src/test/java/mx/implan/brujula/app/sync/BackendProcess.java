package mx.implan.brujula.app.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mx.implan.brujula.model.ClientVersion;

/**
 * The backend jar running as a child process on its own database and a free port. Started by
 * {@link RunningBackend}; tests use it to make users and clients.
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

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicInteger USERS = new AtomicInteger();

    private final Path jar;
    private final Path workDir;
    private final Map<String, String> env;
    private final Process process;
    private final URI baseUri;
    private final Thread shutdownHook;

    private BackendProcess(Path jar, Path workDir, Map<String, String> env, Process process, URI baseUri) {
        this.jar = jar;
        this.workDir = workDir;
        this.env = env;
        this.process = process;
        this.baseUri = baseUri;
        // Belt and braces: if the test JVM is stopped without JUnit closing its store, don't leave a server behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-backend-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static BackendProcess start() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path workDir = module.resolve("target/backend-it");
        Path jar = stage(locateJar(module), workDir.resolve("quarkus-app"));
        DbSettings db = DbSettings.discover();
        recreateDatabase(db);
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("BRUJULA_DB_HOST", db.host());
        env.put("BRUJULA_DB_PORT", Integer.toString(db.port()));
        env.put("BRUJULA_DB_USER", db.user());
        env.put("BRUJULA_DB_PASSWORD", db.password());
        env.put("BRUJULA_DB_NAME", DATABASE);
        env.put("BRUJULA_SYNC_MAX_ITEMS", Integer.toString(MAX_ITEMS));
        env.put("BRUJULA_DEMO", "false");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        Path log = workDir.resolve("backend.log");
        Process process;
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the backend " + jar, e);
        }
        URI baseUri = URI.create("http://127.0.0.1:" + port + "/");
        BackendProcess backend = new BackendProcess(jar, workDir, env, process, baseUri);
        try {
            backend.awaitReady(log);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
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
        DbSettings db = DbSettings.discover();
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE, props);
    }

    private static Path locateJar(Path module) {
        String override = System.getProperty("brujula.backend.jar");
        Path jar = override != null ? Path.of(override)
                : module.resolveSibling("backend").resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The integration tests need the built backend, but " + jar.normalize()
                    + " does not exist. Build the backend first: run `mvn verify` at the repository root (it builds"
                    + " backend before mobile-app), or `mvn -pl shared-model,backend install -DskipTests` and then"
                    + " this module.");
        }
        return jar.toAbsolutePath().normalize();
    }

    /**
     * Runs a private copy of the application: the backend module may be rebuilt while the tests run (another
     * build in the same checkout), and a rebuild deletes the jars under a running server's feet.
     */
    private static Path stage(Path jar, Path copy) {
        Path source = jar.getParent();
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(copy);
                try (var paths = Files.walk(source)) {
                    for (Path from : (Iterable<Path>) paths::iterator) {
                        Path to = copy.resolve(source.relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                return copy.resolve(jar.getFileName().toString());
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("Could not copy " + source + " (is the backend being rebuilt?)", e);
                }
                sleep(5_000); // a concurrent rebuild is rewriting it: let it finish
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void recreateDatabase(DbSettings db) {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            // FORCE ends sessions a previous, killed run may have left on the database.
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not (re)create database " + DATABASE + " at " + url + " as "
                    + db.user() + ": " + e.getMessage() + ". Is the PostGIS server running (./brujula db start)?", e);
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The backend exited with code " + process.exitValue()
                        + " before it was ready. Log " + log + ":\n" + tail(log));
            }
            try {
                lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the backend", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("The backend was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (last /q/health/ready status " + lastStatus + "). Log " + log + ":\n" + tail(log));
    }

    /** The server's address ({@code http://127.0.0.1:<port>/}). */
    public URI baseUri() {
        return baseUri;
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
        Path log = workDir.resolve("create-user-" + username + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Dquarkus.http.port=0", "-jar", jar.toString(),
                "admin", "create-user", "--username", username, "--role", role, "--password-stdin")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("QUARKUS_HTTP_PORT");
        try {
            Process command = builder.start();
            // On stdin, never on the command line, where other users of the machine could read it.
            try (OutputStream stdin = command.getOutputStream()) {
                stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!command.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                command.destroyForcibly();
                throw new IllegalStateException("admin create-user " + username + " did not finish in "
                        + COMMAND_TIMEOUT.toSeconds() + " s. Log " + log + ":\n" + tail(log));
            }
            if (command.exitValue() != 0) {
                throw new IllegalStateException("admin create-user " + username + " failed with exit code "
                        + command.exitValue() + ". Log " + log + ":\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run admin create-user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating user " + username, e);
        }
    }

    /** A client of this backend with its own in-memory token store. */
    public SyncClient client(TokenStore tokens) {
        return client(APP_VERSION, tokens);
    }

    public SyncClient client(ClientVersion version, TokenStore tokens) {
        return new SyncClient(baseUri, version, Locale.forLanguageTag("es-MX"), tokens, Clock.systemDefaultZone(),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
