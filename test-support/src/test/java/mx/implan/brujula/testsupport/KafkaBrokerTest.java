package mx.implan.brujula.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A private broker keeps what it acknowledged across an outage, on the same address. */
class KafkaBrokerTest {

    @Test
    void aRecordAcknowledgedBeforeAnOutageIsReadAgainAfterTheRestart() throws Exception {
        try (KafkaBroker broker = new KafkaBroker()) {
            broker.start();
            String bootstrap = broker.bootstrap();
            String topic = "outage-" + UUID.randomUUID();
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            String key = UUID.randomUUID().toString();
            String value = "{\"observation\":\"" + UUID.randomUUID() + "\",\"status\":\"VALIDATED\"}";
            RecordMetadata written = send(bootstrap, topic, key, value);
            assertThat(written.offset()).isZero();
            assertThat(readAll(bootstrap, topic)).containsExactly(key + "=" + value);

            broker.stop();
            assertThat(broker.running()).isFalse();
            try (Admin admin = admin(bootstrap)) {
                assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
            }

            broker.restart();
            assertThat(broker.bootstrap()).isEqualTo(bootstrap);
            assertThat(readAll(bootstrap, topic)).containsExactly(key + "=" + value);
            // and it takes writes again, after the one it kept
            assertThat(send(bootstrap, topic, key, "after").offset()).isEqualTo(1);
            assertThat(readAll(bootstrap, topic)).containsExactly(key + "=" + value, key + "=after");
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000));
    }

    private static RecordMetadata send(String bootstrap, String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Every record of the topic's one partition, from the start to the end offset it has now, as key=value. */
    private static List<String> readAll(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            Instant deadline = Instant.now().plusSeconds(30);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(r.key() + "=" + r.value());
                }
            }
        }
        return records;
    }
}
