package io.mmplatform.ops.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor Kafka itself sets for the pipeline: the same number of hops on the same broker with the same record
 * sizes, partition counts, keys and producer settings ({@code linger.ms=0}, {@code acks=1}), and nothing
 * else. A source sends at a fixed rate to topic A (as price-feed sends md.reference), a relay consumes A and sends
 * each record on to topic B (as quoting turns a reference into quote.intents), a sink consumes B (as execution does);
 * the latency is the sink's receipt minus the source's send, both on this JVM's monotonic clock.
 */
public final class KafkaFloor {
    /**
     * What to imitate: partitions and record sizes of the two topics, distinct keys, rate and window, and the arrival
     * pattern: {@code burst} records sent back to back at each instant (the simulator ticks every market at the same
     * instant, as Hermes delivers a slot's updates together), {@code burst / ratePerSecond} seconds apart.
     */
    public record Shape(int partitionsA, int partitionsB, int recordBytesA, int recordBytesB, int keysA, int keysB,
                        double ratePerSecond, int burst, Duration warmup, Duration measure) {
        public Shape {
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, got " + burst);
            }
        }
    }

    private KafkaFloor() {
    }

    public static LatencyStats run(String bootstrap, Shape shape) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topicA = "bench.floor.a." + suffix;
        String topicB = "bench.floor.b." + suffix;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topicA, shape.partitionsA(), (short) 1),
                    new NewTopic(topicB, shape.partitionsB(), (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the floor's topics on " + bootstrap + ": " + e, e);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        long measureFrom = System.nanoTime() + shape.warmup().toNanos() + Duration.ofSeconds(2).toNanos();
        long measureUntil = measureFrom + shape.measure().toNanos();
        long[] samples = new long[(int) Math.min(50_000_000L, (long) (shape.ratePerSecond()
                * shape.measure().toSeconds() * 1.5) + 1000)];
        int[] count = new int[1];
        try (KafkaConsumer<String, byte[]> relayIn = consumer(bootstrap, topicA);
             KafkaProducer<String, byte[]> relayOut = producer(bootstrap);
             KafkaConsumer<String, byte[]> sink = consumer(bootstrap, topicB);
             KafkaProducer<String, byte[]> source = producer(bootstrap)) {
            Thread relay = new Thread(() -> {
                byte[] padding = new byte[Math.max(8, shape.recordBytesB())];
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : relayIn.poll(Duration.ofMillis(100))) {
                        byte[] out = padding.clone();
                        System.arraycopy(r.value(), 0, out, 0, 8); // the source's send time travels on
                        relayOut.send(new ProducerRecord<>(topicB, "w" + (r.key().hashCode() & 0x7fffffff)
                                % shape.keysB(), out));
                    }
                }
            }, "floor-relay");
            Thread sinkThread = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : sink.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long sent = ByteBuffer.wrap(r.value(), 0, 8).getLong();
                        if (sent >= measureFrom && sent < measureUntil && count[0] < samples.length) {
                            samples[count[0]++] = now - sent;
                        }
                    }
                }
            }, "floor-sink");
            relay.start();
            sinkThread.start();
            byte[] padding = new byte[Math.max(8, shape.recordBytesA())];
            long interval = (long) (1e9 * shape.burst() / shape.ratePerSecond());
            long next = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // consumers assigned and at the end
            long end = measureUntil;
            long i = 0;
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                for (int b = 0; b < shape.burst(); b++) {
                    byte[] value = padding.clone();
                    ByteBuffer.wrap(value, 0, 8).putLong(System.nanoTime());
                    source.send(new ProducerRecord<>(topicA, "k" + (i++ % shape.keysA()), value));
                }
                next += interval;
            }
            sleepQuietly(2_000); // the last records travel
            running.set(false);
            join(relay);
            join(sinkThread);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topicA, topicB)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the topics stay behind in a throw-away run directory: not worth failing the benchmark for
        }
        return LatencyStats.ofNanos(samples, count[0], shape.measure().toMillis() / 1000.0);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "1"); // as md.reference's and quote.intents' producers
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Assigned to every partition at its end: no group coordination in the measured path. */
    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
