package mx.implan.brujula.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built backend ({@code backend/target/quarkus-app/quarkus-run.jar}) as a child process with its own JVM
 * options, a fresh database and a free port: for tests and benches that need the real server (the field app's
 * sync against it, heap under {@code -Xmx256m}, throughput). The database server comes from {@link DbSettings}
 * ({@code BRUJULA_DB_*}, then the scripts' state file); S3 settings are inherited from the environment the
 * project scripts export ({@code BRUJULA_S3_*}). {@link BackendLaunch} starts it; this is the running server:
 * its address and database, users and tokens, its heap, and stopping or killing it.
 */
public final class BackendJar implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final String database;
    private final DbSettings db;
    private final Process process;
    private final URI baseUri;
    private final Map<String, String> env;
    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BackendJar(Process process, URI baseUri, DbSettings db, Map<String, String> env, Path jar, Path workDir,
                       Path log) {
        this.database = env.get("BRUJULA_DB_NAME");
        this.db = db;
        this.process = process;
        this.baseUri = baseUri;
        this.env = env;
        this.jar = jar;
        this.workDir = workDir;
        this.log = log;
        // If the test JVM is stopped without closing this, don't leave a server behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-backend-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** How to start it; {@link BackendLaunch#start()} starts it and waits until it is ready. */
    public static BackendLaunch launch(Path jar) {
        return new BackendLaunch(jar);
    }

    /** Starts the jar on a fresh database {@code database} with {@code jvmOptions}; waits until it is ready. */
    public static BackendJar start(Path jar, String database, List<String> jvmOptions, Path workDir) {
        return launch(jar).database(database).jvmOptions(jvmOptions).workDir(workDir).start();
    }

    /** As {@link #start(Path, String, List, Path)}, with more environment variables (e.g. another bucket). */
    public static BackendJar start(Path jar, String database, List<String> jvmOptions, Path workDir, Map<String, String> extraEnv) {
        return launch(jar).database(database).jvmOptions(jvmOptions).workDir(workDir).env(extraEnv).start();
    }

    /** The server's address ({@code http://127.0.0.1:<port>/}). */
    public URI baseUri() {
        return baseUri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The database this server runs on. */
    public String databaseName() {
        return database;
    }

    /** A JDBC connection to this server's database (tests check what was stored, e.g. no duplicates). */
    public Connection database() throws SQLException {
        return db.connect(database);
    }

    /**
     * Makes a user through the backend's command mode ({@code admin create-user}), exactly as an administrator
     * would; the password goes on stdin, never on the command line, where other users of the machine could read it.
     */
    public void createUser(String username, String role, String password) {
        Path commandLog = workDir.resolve("create-user-" + username + ".log");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.javaBinary(), "-Dquarkus.http.port=0", "-jar", jar.toString(),
                "admin", "create-user", "--username", username, "--role", role, "--password-stdin")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(commandLog.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("QUARKUS_HTTP_PORT");
        try {
            Process command = builder.start();
            try (OutputStream stdin = command.getOutputStream()) {
                stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!command.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                command.destroyForcibly();
                throw new IllegalStateException("admin create-user " + username + " did not finish in "
                        + COMMAND_TIMEOUT.toSeconds() + " s. Log " + commandLog + ":\n" + ChildJvm.tail(commandLog));
            }
            if (command.exitValue() != 0) {
                throw new IllegalStateException("admin create-user " + username + " failed with exit code "
                        + command.exitValue() + ". Log " + commandLog + ":\n" + ChildJvm.tail(commandLog));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run admin create-user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating user " + username, e);
        }
    }

    /**
     * Puts a user straight into the database with a password hash made by the caller (as the user service
     * stores it): no second JVM, so the server under test is the only Brújula process touching the database.
     */
    public void insertUser(String username, String role, String passwordHash) {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (id, username, display_name, password_hash, role) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, username);
            ps.setString(3, username);
            ps.setString(4, passwordHash);
            ps.setString(5, role);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create user " + username + ": " + e.getMessage(), e);
        }
    }

    /** An access token for {@code username}. */
    public String token(String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        String answer = send(HttpRequest.newBuilder(baseUri.resolve("api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("No token in " + answer);
        }
        return m.group(1);
    }

    /** Heap in use right after a full collection (jcmd GC.run), in bytes: what the server really holds on to. */
    public long heapAfterGc() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
            jcmd.getInputStream().readAllBytes();
            jcmd.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String metrics = send(HttpRequest.newBuilder(baseUri.resolve("q/metrics")).GET().build());
        Matcher m = HEAP_USED.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return (long) total;
    }

    private String send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The backend exited with code " + process.exitValue()
                        + " before it was ready. Log " + log + ":\n" + ChildJvm.tail(log));
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
            ChildJvm.pause(250);
        }
        throw new IllegalStateException("The backend was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (last /q/health/ready status " + lastStatus + "). Log " + log + ":\n" + ChildJvm.tail(log));
    }

    /** A crash: the process is killed at once (SIGKILL), nothing shuts down in order. */
    public void kill() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
}
