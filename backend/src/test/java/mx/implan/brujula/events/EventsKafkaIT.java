package mx.implan.brujula.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testsupport.BackendJar;
import mx.implan.brujula.testsupport.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event pipeline on a real Kafka broker (profile {@code kafka}), against the packaged backend:
 * events leave as CloudEvents keyed by their aggregate; a message that is not an event becomes a
 * dead letter (table and topic) and the stream goes on; with the broker down the outbox holds
 * every event and the lag grows, and once it is back everything is published; two instances on
 * one database and one broker publish every event once; a push reaches the indicators through Kafka,
 * and a backend killed mid-stream and replaced counts every event once. Each test pushes its own
 * observations and counts from the figure once earlier events have settled, and a test that stops
 * the broker or replaces the backend leaves one running, so the tests pass in any order.
 */
class EventsKafkaIT {

    private static final String OBSERVATION_TOPIC = "brujula.observation-events";
    private static final String DEAD_LETTER_TOPIC = "brujula.dead-letters";
    private static final String DATABASE = "brujula_test_kafka_it";
    private static final String PASSWORD = "kafka-it-password-1";

    private static KafkaBroker broker;
    private static BackendJar backend;
    private static Map<String, String> env;
    private static Path jar;
    private static String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = new KafkaBroker().start();
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        env = Map.of("QUARKUS_PROFILE", "kafka", "BRUJULA_KAFKA_BOOTSTRAP", broker.bootstrap(),
                "BRUJULA_KAFKA_GROUP", "kafka-it-" + UUID.randomUUID());
        // The demo's zones and census (no reports): the indicators need population to divide by.
        Map<String, String> firstEnv = new HashMap<>(env);
        firstEnv.putAll(Map.of("BRUJULA_DEMO", "true", "BRUJULA_DEMO_REPORTS", "false", "BRUJULA_DEMO_PASSWORD", PASSWORD));
        backend = BackendJar.launch(jar).database(DATABASE).jvmOptions(List.of("-Xmx384m"))
                .workDir(module.resolve("target/kafka-it")).env(firstEnv).stagedCopy().start();
        backend.createUser("kafka-it", "inspector", PASSWORD);
        token = backend.token("kafka-it", PASSWORD);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("SELECT count(*) FROM zone") >= 519);
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void committedObservationsLeaveAsCloudEventsKeyedByTheObservation() throws Exception {
        List<UUID> ids = push(backend, 3);
        awaitPublished(ids);

        Map<String, Long> outboxIds = outboxIds(ids);
        List<ConsumerRecord<String, String>> records = read(OBSERVATION_TOPIC, r -> ids.contains(UUID.fromString(r.key())), 3);
        for (ConsumerRecord<String, String> r : records) {
            assertThat(header(r, "ce_id")).isEqualTo(Long.toString(outboxIds.get(r.key())));
            assertThat(header(r, "ce_type")).isEqualTo("observation.created");
            assertThat(header(r, "ce_source")).isEqualTo("urn:brujula:implan");
            assertThat(header(r, "ce_subject")).isEqualTo(r.key());
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(Items.JSON.readTree(r.value()).path("id").asText()).isEqualTo(r.key());
        }
    }

    @Test
    void aRecordThatIsNotAnEventIsADeadLetterAndTheStreamGoesOn() {
        String first = "garbage " + UUID.randomUUID();
        String second = "garbage " + UUID.randomUUID();
        produce(OBSERVATION_TOPIC, first);
        push(backend, 1);
        produce(OBSERVATION_TOPIC, second);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("SELECT count(*) FROM dead_letter WHERE consumer = 'pipeline' AND payload IN (?, ?) AND origin LIKE ?",
                        first, second, OBSERVATION_TOPIC + "/%@%") == 2);
        assertThat(read(DEAD_LETTER_TOPIC, r -> first.equals(r.value()), 1)).hasSize(1);
    }

    @Test
    void withTheBrokerDownTheOutboxHoldsEveryEventAndTheLagRecoversOnceItIsBack() throws Exception {
        broker.stop();
        List<UUID> ids;
        try {
            List<UUID> pushed = push(backend, 5);
            ids = pushed;
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = ANY(?) AND published_at IS NULL", pushed))
                            .as("nothing published while the broker is down").isEqualTo(5));
            await().atMost(Duration.ofSeconds(60)).until(() -> lagSeconds() >= 3);
        } finally {
            broker.restart();
        }
        awaitPublished(ids);
        assertThat(read(OBSERVATION_TOPIC, r -> ids.contains(UUID.fromString(r.key())), 5).stream().map(ConsumerRecord::key)
                .collect(Collectors.toSet())).hasSize(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> lagSeconds() < 3);
    }

    @Test
    void twoInstancesOnOneDatabaseAndOneBrokerPublishEveryEventOnceAndCountItOnce() throws Exception {
        double before = countedSoFar();
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        try (BackendJar second = BackendJar.launch(jar).existingDatabase(DATABASE).jvmOptions(List.of("-Xmx384m"))
                .workDir(module.resolve("target/kafka-it")).env(env).stagedCopy().start()) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.addAll(push(i % 2 == 0 ? backend : second, 20));
            }
            awaitPublished(ids);
            Map<String, Long> expected = outboxIds(ids);
            List<ConsumerRecord<String, String>> records = read(OBSERVATION_TOPIC, r -> ids.contains(UUID.fromString(r.key())), ids.size());
            Map<String, Long> perEvent = records.stream().collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
            assertThat(perEvent.keySet()).isEqualTo(expected.values().stream().map(String::valueOf).collect(Collectors.toSet()));
            assertThat(perEvent.values()).as("each event published once").allMatch(n -> n == 1);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> openRisks(second) >= before + 200);
            assertThat(openRisks(backend)).as("processed once, whichever instance consumed it").isEqualTo(before + 200);
        }
    }

    @Test
    void aPushReachesTheIndicatorsThroughKafkaExactlyOnce() throws Exception {
        double before = countedSoFar();
        push(backend, 7);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> openRisks(backend) >= before + 7);
        assertThat(openRisks(backend)).isEqualTo(before + 7);
    }

    @Test
    void aBackendKilledMidStreamAndAnotherInItsPlaceCountEveryEventOnce() throws Exception {
        double before = countedSoFar();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.addAll(push(backend, 25));
        }
        backend.kill();
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        backend = BackendJar.launch(jar).existingDatabase(DATABASE).jvmOptions(List.of("-Xmx384m"))
                .workDir(module.resolve("target/kafka-it")).env(env).stagedCopy().start();
        awaitPublished(ids);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> openRisks(backend) >= before + 150);
        // Redelivered records (offsets not yet committed when the first backend died) must not count twice.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(openRisks(backend)).as("counted once, also after redelivery").isEqualTo(before + 150));
        assertThat(count("SELECT count(*) FROM processed_event p JOIN outbox o ON o.id = p.event_id "
                + "WHERE p.consumer = 'indicators' AND o.aggregate_id = ANY(?)", ids)).isEqualTo(150);
    }

    // ---- helpers ----

    /** This month's open risks in the municipality (the numerator of OPEN_RISKS_PER_10K, dimension TOTAL). */
    /** The figure once every event already in the outbox has reached the indicators, so earlier tests' events in flight do not count here. */
    private double countedSoFar() throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> count(
                "SELECT count(*) FROM outbox o WHERE o.event_type LIKE 'observation.%' AND NOT EXISTS (SELECT 1 FROM processed_event p"
                        + " WHERE p.consumer = 'indicators' AND p.event_id = o.id)") == 0);
        return openRisks(backend);
    }

    private double openRisks(BackendJar target) throws Exception {
        String month = java.time.LocalDate.now(java.time.ZoneId.of("America/Hermosillo")).withDayOfMonth(1).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.baseUri().resolve(
                "api/v1/indicators/OPEN_RISKS_PER_10K/values?level=MUNICIPALITY&dimension=TOTAL&from=" + month + "&to=" + month)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var items = Items.JSON.readTree(r.body()).path("items");
        return items.isEmpty() ? 0 : items.get(0).path("numerator").asDouble();
    }


    private List<UUID> push(BackendJar target, int n) {
        ArrayNode items = Items.JSON.createArrayNode();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            items.add(Items.risk(id, -110.96 + i * 1e-4, 29.07));
        }
        ObjectNode body = Items.JSON.createObjectNode();
        body.put("deviceId", "kafka-it");
        body.put("sentAt", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        body.set("items", items);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.baseUri().resolve("api/v1/sync/push"))
                    .header("Authorization", "Bearer " + target.token("kafka-it", PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("FAILED");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private void awaitPublished(List<UUID> ids) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("SELECT count(*) FROM outbox WHERE aggregate_id = ANY(?) AND published_at IS NULL", ids) == 0);
    }

    private double lagSeconds() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(backend.baseUri().resolve("q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("brujula_outbox_lag_seconds")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElseThrow();
    }

    private static long count(String sql, Object... args) throws SQLException {
        try (Connection c = backend.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof List<?> list) {
                    ps.setArray(i + 1, c.createArrayOf("text", list.stream().map(String::valueOf).toArray()));
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Long> outboxIds(List<UUID> ids) throws SQLException {
        Map<String, Long> byAggregate = new HashMap<>();
        try (Connection c = backend.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT aggregate_id, id FROM outbox WHERE aggregate_id = ANY(?) AND event_type = 'observation.created'")) {
            ps.setArray(1, c.createArrayOf("text", ids.stream().map(UUID::toString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byAggregate.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        assertThat(byAggregate).hasSize(ids.size());
        return byAggregate;
    }

    private static void produce(String topic, String value) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of the topic from its start that matches, waiting until there are at least {@code atLeast}. */
    private static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> wanted, int atLeast) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                partitions = info == null ? List.of() : info.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && isUuid(r.key()) && wanted.test(r)) {
                        found.add(r);
                    }
                }
                Map<TopicPartition, Long> ends = end;
                boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.getOrDefault(tp, 0L));
                if (found.size() >= atLeast && atEnd) {
                    break;
                }
                if (atEnd) {
                    end = consumer.endOffsets(partitions);
                }
            }
        }
        return found;
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
