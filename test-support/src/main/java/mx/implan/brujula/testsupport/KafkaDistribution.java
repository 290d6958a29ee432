package mx.implan.brujula.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka broker's jars and configuration, the same ones {@code ./brujula services start} runs: the dependency
 * list and the configuration templates are in {@code scripts/kafka-broker/} of the repository, the jars in
 * {@code $BRUJULA_STATE_DIR/kafka/lib-<version>} (default state dir {@code ~/.local/state/brujula}).
 *
 * <p>Why not the test classpath: the broker needs Scala, Jetty and Jackson at the versions it was built with, which
 * the Quarkus BOM would override, and tests must not see the broker's classes. When the script has not filled the
 * directory yet (a plain {@code mvn verify} on a fresh machine), it is filled here the way the script does it
 * ({@code mvn -f scripts/kafka-broker/pom.xml dependency:copy-dependencies}, into a temporary directory renamed at
 * the end), so either one finds a complete directory or none.
 */
final class KafkaDistribution {

    private static final String DIST = "scripts/kafka-broker";
    private static final Pattern VERSION = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>");
    private static final long FETCH_TIMEOUT_MINUTES = 10;

    private final Path dist;
    private final Path lib;

    private KafkaDistribution(Path dist, Path lib) {
        this.dist = dist;
        this.lib = lib;
    }

    /** The distribution of the repository the tests run in; its jars fetched first if needed. */
    static synchronized KafkaDistribution locate() {
        Path dist = repositoryRoot().resolve(DIST);
        Path lib = stateDir().resolve("kafka").resolve("lib-" + version(dist.resolve("pom.xml")));
        if (!Files.isDirectory(lib)) {
            fetch(dist.resolve("pom.xml"), lib);
        }
        return new KafkaDistribution(dist, lib);
    }

    /** The classpath of the broker and its tools: every jar of the directory (the JVM expands the wildcard). */
    String classpath() {
        return lib.resolve("*").toString();
    }

    /** {@code server.properties} with the {@code @PORT@}, {@code @CONTROLLER_PORT@} and {@code @DATA_DIR@} filled in. */
    String serverProperties(int port, int controllerPort, Path dataDir) {
        return read(dist.resolve("server.properties"))
                .replace("@PORT@", Integer.toString(port))
                .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                .replace("@DATA_DIR@", dataDir.toAbsolutePath().toString());
    }

    Path log4jConfiguration() {
        return dist.resolve("log4j2.properties");
    }

    /** The first directory at or above the working directory (or {@code $BRUJULA_ROOT}) that holds the distribution. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DIST).resolve("pom.xml"))) {
                return dir;
            }
        }
        String root = System.getenv("BRUJULA_ROOT");
        if (root != null && Files.isRegularFile(Path.of(root).resolve(DIST).resolve("pom.xml"))) {
            return Path.of(root);
        }
        throw new IllegalStateException("Cannot find " + DIST + "/pom.xml above " + Path.of("").toAbsolutePath()
                + " (nor under $BRUJULA_ROOT): run the tests inside the Brújula repository.");
    }

    /** As scripts/lib/common.sh: {@code $BRUJULA_STATE_DIR}, else {@code ~/.local/state/brujula}. */
    private static Path stateDir() {
        String dir = System.getenv("BRUJULA_STATE_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "brujula");
    }

    private static String version(Path pom) {
        Matcher m = VERSION.matcher(read(pom));
        if (!m.find()) {
            throw new IllegalStateException("No <kafka.version> in " + pom);
        }
        return m.group(1).strip();
    }

    private static void fetch(Path pom, Path lib) {
        Path tmp;
        Path log;
        try {
            Files.createDirectories(lib.getParent());
            tmp = Files.createTempDirectory(lib.getParent(), "fetch.");
            log = Files.createTempFile(lib.getParent(), "fetch.", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the Kafka jars under " + lib.getParent(), e);
        }
        List<String> command = List.of("mvn", "-B", "-ntp", "-q", "-f", pom.toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies", "-DoutputDirectory=" + tmp);
        try {
            Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!mvn.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                mvn.destroyForcibly();
                throw new IllegalStateException("Fetching the Kafka jars took over " + FETCH_TIMEOUT_MINUTES
                        + " minutes: " + String.join(" ", command));
            }
            if (mvn.exitValue() != 0) {
                throw new IllegalStateException("Could not fetch the Kafka jars (exit " + mvn.exitValue() + "): "
                        + String.join(" ", command) + "\n" + read(log)
                        + "\n`./brujula services start` fetches them too (network? Maven settings?).");
            }
            try (var jars = Files.list(tmp)) {
                if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                    throw new IllegalStateException(String.join(" ", command) + " succeeded but copied no kafka_2.13 jar");
                }
            }
            try {
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException concurrentFetchWon) {
                if (!Files.isDirectory(lib)) {
                    throw new UncheckedIOException("Cannot move the Kafka jars to " + lib, concurrentFetchWon);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + " (is Maven on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching the Kafka jars", e);
        } finally {
            deleteTree(tmp);
            deleteTree(log);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
