package mx.implan.brujula.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./brujula bench events}, the reference figure: how fast a plain Kafka producer with the pipeline's
 * durability settings (acks=all, idempotent) writes N records of about SIZE bytes, keyed by random UUIDs, to a fresh
 * one-partition topic on {@code BRUJULA_KAFKA_BOOTSTRAP}. What the event relay achieves is compared with this. Not a
 * test: it prints figures.
 *
 * <p>Arguments: {@code [BOOTSTRAP] [N] [SIZE] [ROUNDS]}, defaults {@code $BRUJULA_KAFKA_BOOTSTRAP}, 50,000, 1,200,
 * 3. One unmeasured round first (the client's and the broker's JIT), then ROUNDS measured ones, each to a topic of
 * its own; the median is the figure. The topics are deleted at the end.
 */
public final class PlainKafkaProducerBaseline {

    public static void main(String[] args) throws Exception {
        String bootstrap = arg(args, 0, System.getenv("BRUJULA_KAFKA_BOOTSTRAP"));
        if (bootstrap == null || bootstrap.isBlank()) {
            System.err.println("No broker: pass BOOTSTRAP or set BRUJULA_KAFKA_BOOTSTRAP (./brujula bench events does).");
            System.exit(2);
        }
        int total = Integer.parseInt(arg(args, 1, "50000"));
        int size = Integer.parseInt(arg(args, 2, "1200"));
        int rounds = Math.max(1, Integer.parseInt(arg(args, 3, "3")));
        System.out.printf("plain Kafka producer: %,d records of %,d bytes keyed by random UUIDs, acks=all, idempotent,"
                + " to %s; one warm-up round, then %d measured%n", total, size, bootstrap, rounds);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = new ArrayList<>();
        double[] recordRates = new double[rounds];
        double[] byteRates = new double[rounds];
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int round = 0; round <= rounds; round++) {
                String topic = "bench-plain-producer-" + run + "-" + round;
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                topics.add(topic);
                Result r = send(producer, topic, total, size);
                if (round == 0) {
                    System.out.printf("warm-up   : %,10.0f records/s %8.1f MB/s%n", r.recordsPerSecond(), r.megabytesPerSecond());
                    continue;
                }
                recordRates[round - 1] = r.recordsPerSecond();
                byteRates[round - 1] = r.megabytesPerSecond();
                System.out.printf("round %-4d: %,10.0f records/s %8.1f MB/s%n", round, r.recordsPerSecond(), r.megabytesPerSecond());
            }
            admin.deleteTopics(topics).all().get();
        }
        System.out.printf("plain producer: %,.0f records/s, %.1f MB/s (median of %d rounds; MB = 10^6 bytes of keys and values)%n",
                median(recordRates), median(byteRates), rounds);
        System.exit(0);
    }

    private record Result(long records, long bytes, long nanos) {
        double recordsPerSecond() {
            return records * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e3 / nanos;
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-plain-producer");
        // Everything else at the client's defaults (linger 5 ms, 16 KiB batches, no compression): the baseline is a
        // producer nobody tuned.
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code total} records and waits until the broker acknowledged every one; fails on any error. */
    private static Result send(KafkaProducer<String, byte[]> producer, String topic, int total, int size) {
        // Keys and payloads made before the clock starts: the figure is the producer's and the broker's, not ours.
        String[] keys = new String[total];
        byte[][] values = new byte[total][];
        long bytes = 0;
        for (int i = 0; i < total; i++) {
            keys[i] = UUID.randomUUID().toString();
            values[i] = payload(keys[i], size);
            bytes += keys[i].length() + values[i].length;
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            producer.send(new ProducerRecord<>(topic, keys[i], values[i]), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acknowledged.incrementAndGet();
                }
            });
        }
        producer.flush();
        long nanos = System.nanoTime() - start;
        if (failure.get() != null || acknowledged.get() != total) {
            throw new IllegalStateException(acknowledged.get() + " of " + total + " records acknowledged", failure.get());
        }
        return new Result(total, bytes, nanos);
    }

    /** An event-like JSON document of {@code size} bytes (at least its ~80 fixed ones), its padding random so it does not compress. */
    private static byte[] payload(String key, int size) {
        String head = "{\"eventId\":\"" + key + "\",\"type\":\"ObservationChanged\",\"pad\":\"";
        String tail = "\"}";
        int padding = Math.max(0, size - head.length() - tail.length());
        Random random = new Random(key.hashCode());
        char[] pad = new char[padding];
        for (int i = 0; i < padding; i++) {
            pad[i] = (char) ('a' + random.nextInt(26));
        }
        return (head + new String(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i && !args[i].isBlank() ? args[i] : fallback;
    }
}
