package io.mmplatform.common.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.codec.MessageCodec;
import io.mmplatform.common.messages.PlatformMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes records that the next record of the same key supersedes (md.reference, quote.intents) on the trading
 * path. The caller's thread hands the record to the Kafka client itself: no hand-off to a sending thread, which a
 * messaging framework's emitter adds to every record.
 *
 * <p>linger.ms=0; acks=1 (a record lost with a failed leader is superseded by the next); max.block.ms=0, so a send
 * never blocks the caller (an event loop): when the client has no room or no metadata yet, {@link #send} drops the
 * record, to be superseded. Nothing is retried. Records lost either way are counted ({@link #lost()}) and reported
 * to the {@link Reporter} at most once per {@link #REPORT_EVERY_NANOS}, so that a broker outage does not flood the log.
 */
public final class SupersededRecordPublisher<T extends PlatformMessage> implements AutoCloseable {
    static final long REPORT_EVERY_NANOS = 10_000_000_000L;

    /** Told that records were lost: how many since the last report, and the latest cause. */
    public interface Reporter {
        void lost(String topic, long since, Exception latest);

        /** A warning in the service's log. */
        Reporter LOG = (topic, since, latest) -> System.getLogger(SupersededRecordPublisher.class.getName())
                .log(System.Logger.Level.WARNING, "{0} records not published to {1}; the latest: {2}", since, topic,
                        latest.toString());
    }

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final MessageCodec<T> codec;
    private final Reporter reporter;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostReported = new AtomicLong();
    private final AtomicLong nextReportNanos = new AtomicLong(System.nanoTime());

    /**
     * @param clientConfig the Kafka client settings of the service (bootstrap servers, security); the settings this
     *                     class stands for (serializers, linger, acks, blocking) override theirs
     */
    public SupersededRecordPublisher(Map<String, ?> clientConfig, String clientId, String topic,
                                     MessageCodec<T> codec, Reporter reporter) {
        this.topic = topic;
        this.codec = codec;
        this.reporter = reporter;
        this.producer = new KafkaProducer<>(settings(clientConfig, clientId));
    }

    static Map<String, Object> settings(Map<String, ?> clientConfig, String clientId) {
        Map<String, Object> settings = new HashMap<>(clientConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.ACKS_CONFIG, "1");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        return settings;
    }

    public String topic() {
        return topic;
    }

    /** Records lost so far: refused by the client or not taken by the broker. */
    public long lost() {
        return lost.get();
    }

    /**
     * Opens a publisher that logs its losses ({@link Reporter#LOG}), counts them in
     * {@code kafka_records_lost_total{topic}}, and waits (up to {@code metadataWait}) for the topic's metadata, so
     * that the first records are not dropped for want of it.
     */
    public static <T extends PlatformMessage> SupersededRecordPublisher<T> open(Map<String, ?> clientConfig,
            String clientId, String topic, MessageCodec<T> codec, MeterRegistry registry, Duration metadataWait)
            throws InterruptedException {
        SupersededRecordPublisher<T> publisher = new SupersededRecordPublisher<>(clientConfig, clientId, topic, codec,
                Reporter.LOG);
        FunctionCounter.builder("kafka.records.lost", publisher, SupersededRecordPublisher::lost).tag("topic", topic)
                .register(registry);
        publisher.awaitMetadata(metadataWait);
        return publisher;
    }

    /** Encodes the message and sends it with its key; see {@link #send}. */
    public boolean publish(T message) {
        return send(message.key(), codec.encode(message));
    }

    /**
     * Hands the record to the client; false when the client cannot take it now (no metadata yet, no room, closed):
     * the record is dropped, counted and reported.
     */
    boolean send(String key, String value) {
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    lost(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            lost(e);
            return false;
        }
        // The client fails a record it refuses at once (no metadata within max.block.ms, no room) through the
        // callback, which has counted it, and hands back a future that is already done.
        return !sent.isDone() || succeeded(sent);
    }

    private static boolean succeeded(Future<RecordMetadata> done) {
        try {
            done.get();
            return true;
        } catch (ExecutionException | CancellationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void lost(Exception cause) {
        long total = lost.incrementAndGet();
        long now = System.nanoTime();
        long next = nextReportNanos.get();
        if (now - next >= 0 && nextReportNanos.compareAndSet(next, now + REPORT_EVERY_NANOS)) {
            reporter.lost(topic, total - lostReported.getAndSet(total), cause);
        }
    }

    /**
     * Waits until the client knows the topic's partitions, so that the first records are not dropped for want of
     * metadata. Returns false, and logs a warning, when the broker did not answer within the wait.
     */
    public boolean awaitMetadata(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return true;
            } catch (TimeoutException notYet) {
                if (System.nanoTime() >= deadline) {
                    System.getLogger(SupersededRecordPublisher.class.getName()).log(System.Logger.Level.WARNING,
                            "no metadata for {0} from the broker within {1}: its records are dropped until it answers",
                            topic, wait);
                    return false;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Sends what the client holds (up to the timeout) and closes it. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
