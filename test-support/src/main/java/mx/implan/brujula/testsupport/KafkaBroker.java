package mx.implan.brujula.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private single-node Kafka broker (KRaft, broker and controller in one process) for one test: its own temporary
 * directory, free ports on 127.0.0.1, the same jars and configuration as the broker {@code ./brujula services start}
 * runs ({@link KafkaDistribution}). Tests that only need <em>a</em> broker use the shared one
 * ({@link Kafka#sharedBootstrap()}); a private one is for tests that take it down.
 *
 * <pre>{@code
 * try (KafkaBroker broker = new KafkaBroker()) {
 *     broker.start();
 *     ... produce to broker.bootstrap() ...
 *     broker.stop();      // an outage: the process is killed
 *     broker.restart();   // same port, same data
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A small heap, and the C1 compiler only: a test broker carries little traffic, and on a busy two-core machine
     * the optimising compiler's threads made its start two to three times slower (measured: 6 s instead of 13–17 s).
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    private static final int CORRELATION_ID = 0x0b7a;

    private final KafkaDistribution distribution;
    private final Path dir;
    private final Path dataDir;
    private final Path properties;
    private final Path log;
    private final int port;
    private final int controllerPort;
    private Process process;
    private Thread shutdownHook;
    private boolean formatted;

    /** A broker in a fresh temporary directory, on two free ports; nothing runs until {@link #start()}. */
    public KafkaBroker() {
        this.distribution = KafkaDistribution.locate();
        try {
            this.dir = Files.createTempDirectory("brujula-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for a Kafka broker", e);
        }
        this.dataDir = dir.resolve("data");
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("broker.log");
        // Both sockets open at once, so the two ports differ.
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            this.port = a.getLocalPort();
            this.controllerPort = b.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker (formatting its data directory the first time) and waits until it takes clients. */
    public synchronized KafkaBroker start() {
        if (running()) {
            return this;
        }
        try {
            Files.writeString(properties, distribution.serverProperties(port, controllerPort, dataDir), StandardCharsets.UTF_8);
            if (!formatted) {
                format();
                formatted = true;
            }
            Files.writeString(log, "--- start " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = java("kafka.Kafka", properties.toString()).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Kafka broker in " + dir, e);
        }
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly, "stop-kafka-" + started.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(started);
        return this;
    }

    /** Kills the broker at once, as an outage would (no controlled shutdown), and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The Kafka broker (pid " + process.pid() + ") did not die within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the Kafka broker", e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        process = null;
    }

    /** {@link #stop()} if it runs, then {@link #start()} on the same port with the same data. */
    public synchronized KafkaBroker restart() {
        stop();
        return start();
    }

    /** {@code 127.0.0.1:<port>}, the same across restarts. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The broker's log (every start appends to it). */
    public Path log() {
        return log;
    }

    /** Stops the broker and deletes its directory. */
    @Override
    public synchronized void close() {
        stop();
        KafkaDistribution.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrap() + ", " + dir + "]";
    }

    private void format() throws IOException {
        Files.createDirectories(dataDir);
        Path formatLog = dir.resolve("format.log");
        Process format = java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString())
                .redirectOutput(formatLog.toFile()).start();
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting " + dataDir + " took over " + FORMAT_TIMEOUT.toSeconds()
                        + " s:\n" + tail(formatLog));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting " + dataDir, e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting " + dataDir + " failed (exit " + format.exitValue() + "):\n"
                    + tail(formatLog));
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + distribution.log4jConfiguration());
        command.add("-cp");
        command.add(distribution.classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }

    private void awaitReady(Process started) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited with code " + started.exitValue()
                        + " before it took clients on " + bootstrap() + ". Log " + log + ":\n" + tail(log));
            }
            if (answersMetadata()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
            }
        }
        stop();
        throw new IllegalStateException("The Kafka broker did not take clients on " + bootstrap() + " within "
                + READY_TIMEOUT.toSeconds() + " s. Log " + log + ":\n" + tail(log));
    }

    /**
     * True when the broker answers a Metadata request (v4, no topics) naming at least one broker: it has registered
     * with its controller and takes clients. The same check as scripts/lib/kafka.sh, without a Kafka client here.
     */
    private boolean answersMetadata() {
        byte[] clientId = "brujula".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length + 4 + 1);
        request.putInt(request.capacity() - 4).putShort((short) 3).putShort((short) 4).putInt(CORRELATION_ID)
                .putShort((short) clientId.length).put(clientId).putInt(0).put((byte) 0);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.array());
            out.flush();
            byte[] head = new byte[16];
            new DataInputStream(socket.getInputStream()).readFully(head);
            // size, correlation id, throttle time, number of brokers
            ByteBuffer answer = ByteBuffer.wrap(head);
            return answer.getInt(4) == CORRELATION_ID && answer.getInt(12) > 0;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** As kafka-storage random-uuid: 16 random bytes, URL-safe base64 without padding, never starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
