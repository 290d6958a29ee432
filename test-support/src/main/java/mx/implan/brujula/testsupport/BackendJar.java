package mx.implan.brujula.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built backend ({@code target/quarkus-app/quarkus-run.jar}) as a separate process with its
 * own JVM options and database, for tests and benches that measure the real thing (heap under
 * {@code -Xmx256m}, throughput). Database and S3 settings come from the environment the project
 * scripts export ({@code BRUJULA_DB_*}, {@code BRUJULA_S3_*}).
 */
public final class BackendJar implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final String database;
    private final Process process;
    private final URI baseUri;
    private final Map<String, String> env;
    private final Path jar;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BackendJar(Process process, URI baseUri, Map<String, String> env, Path jar, Path log) {
        this.database = env.get("BRUJULA_DB_NAME");
        this.process = process;
        this.baseUri = baseUri;
        this.env = env;
        this.jar = jar;
        this.log = log;
    }

    /** Starts the jar on a fresh database {@code database} with {@code jvmOptions}; waits until it is ready. */
    public static BackendJar start(Path jar, String database, List<String> jvmOptions, Path workDir) {
        return start(jar, database, jvmOptions, workDir, Map.of());
    }

    /** As {@link #start(Path, String, List, Path)}, with more environment variables (e.g. another bucket). */
    public static BackendJar start(Path jar, String database, List<String> jvmOptions, Path workDir, Map<String, String> extraEnv) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the backend first (mvn package).");
        }
        recreateDatabase(database);
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("BRUJULA_DB_NAME", database);
        env.put("BRUJULA_DEMO", "false");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.putAll(extraEnv);
        Path log = workDir.resolve("backend-" + database + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            BackendJar backend = new BackendJar(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), env, jar, log);
            backend.awaitReady();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Creates a user straight in the backend's database (bcrypt hash, as the user service stores it):
     * no second JVM, and the server under test is the only Brújula process touching the database.
     */
    public void createUser(String username, String role, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), env("BRUJULA_DB_USER", "postgres"),
                env("BRUJULA_DB_PASSWORD", ""));
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO app_user (id, username, display_name, password_hash, role) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, java.util.UUID.randomUUID());
            ps.setString(2, username);
            ps.setString(3, username);
            ps.setString(4, io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password));
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

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The backend exited (code " + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // keep waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The backend was not ready within 90 s; see " + log);
    }

    private static void recreateDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(database);
        }
        String user = env("BRUJULA_DB_USER", "postgres");
        String password = env("BRUJULA_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + env("BRUJULA_DB_HOST", "127.0.0.1") + ":" + env("BRUJULA_DB_PORT", "5432") + "/" + database;
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
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
