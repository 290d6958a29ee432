package mx.implan.brujula.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link BackendJar} is started (from {@link BackendJar#launch(Path)}): its database (recreated, or an
 * existing one kept), JVM options, environment, where its log goes and whether it runs a private copy of the
 * application; {@link #start()} prepares all that, starts the process and waits until it is ready.
 */
public final class BackendLaunch {

    private final Path jar;
    private String database = "brujula_test_jar";
    private List<String> jvmOptions = List.of();
    private Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean staged;
    private boolean keepDatabase;

    BackendLaunch(Path jar) {
        this.jar = Objects.requireNonNull(jar, "jar");
    }

    /** The database to (re)create and run on: a plain identifier, dropped first if it exists. */
    public BackendLaunch database(String name) {
        this.database = name;
        return this;
    }

    /** Runs on the database as it is (e.g. a second instance beside a running one): nothing is dropped. */
    public BackendLaunch existingDatabase(String name) {
        this.database = name;
        this.keepDatabase = true;
        return this;
    }

    public BackendLaunch jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    /** Where the log (and a staged copy) go; default: beside the jar. */
    public BackendLaunch workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** More environment variables for the server (they win over the defaults). */
    public BackendLaunch env(Map<String, String> more) {
        this.env.putAll(more);
        return this;
    }

    /**
     * Runs a private copy of the application: the backend module may be rebuilt while the tests run (another
     * build in the same checkout), and a rebuild deletes the jars under a running server's feet.
     */
    public BackendLaunch stagedCopy() {
        this.staged = true;
        return this;
    }

    /** Prepares the database (and copy), starts the server on a free port and waits until it is ready. */
    public BackendJar start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The backend jar " + jar.toAbsolutePath().normalize() + " does not exist."
                    + " Build the backend first: `mvn verify` at the repository root builds it before the modules"
                    + " that run it, or `mvn -pl backend -am package -DskipTests`.");
        }
        Path dir = (workDir == null ? jar.toAbsolutePath().getParent() : workDir).toAbsolutePath();
        Path runJar = staged ? stage(jar.toAbsolutePath(), dir.resolve("quarkus-app")) : jar.toAbsolutePath();
        DbSettings db = DbSettings.discover();
        if (!keepDatabase) {
            recreateDatabase(db, database);
        }
        int port = freePort();
        Map<String, String> vars = new HashMap<>();
        vars.put("BRUJULA_DB_HOST", db.host());
        vars.put("BRUJULA_DB_PORT", Integer.toString(db.port()));
        vars.put("BRUJULA_DB_USER", db.user());
        vars.put("BRUJULA_DB_PASSWORD", db.password());
        vars.put("BRUJULA_DB_NAME", database);
        vars.put("BRUJULA_DEMO", "false");
        vars.put("QUARKUS_LOG_LEVEL", "WARN");
        vars.putAll(env);
        Path log = dir.resolve(keepDatabase ? "backend-" + database + "-" + port + ".log" : "backend-" + database + ".log");
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(runJar.toString());
        Process process;
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(vars);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the backend " + runJar, e);
        }
        BackendJar backend = new BackendJar(process, URI.create("http://127.0.0.1:" + port + "/"), db, vars,
                runJar, dir, log);
        try {
            backend.awaitReady();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }

    private static void recreateDatabase(DbSettings db, String database) {
        if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            // It goes into DROP/CREATE DATABASE: only a plain identifier is acceptable.
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = db.connect("postgres"); Statement s = c.createStatement()) {
            // FORCE ends sessions a previous, killed run may have left on the database.
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not (re)create database " + database + " on " + db + ": "
                    + e.getMessage() + ". Is the PostGIS server running (./brujula services start)?", e);
        }
    }

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
                ChildJvm.pause(5_000); // a concurrent rebuild is rewriting it: let it finish
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
