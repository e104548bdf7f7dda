package io.mmplatform.common.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes one topic of the trading path (md.reference in quoting, quote.intents in execution) with a plain
 * {@link KafkaConsumer} on a thread of its own, and hands each decoded record to the handler on that thread: the
 * record goes from the client's fetch to the handler with no queue and no hand-off between threads (ADR 0015).
 *
 * <p>The handler only computes and queues; it must not block. A record that does not decode, or that the handler
 * throws on, goes to {@code <topic>.dlq} with the reason in the {@code dead-letter-reason} header (as the services'
 * other consumers do), and the loop goes on. Offsets are committed by the client (auto-commit, every second): a record
 * is handled before the poll that commits its offset, so a restart re-reads at most the last second. Tombstones
 * (null values) are skipped. A failing poll (broker gone, authorization) is retried every second and reported by
 * {@link #status()} until a poll succeeds.
 */
public final class PollLoopConsumer<T> implements AutoCloseable {
    public static final String REASON_HEADER = "dead-letter-reason";
    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    static final long RETRY_AFTER_MS = 1000;
    private static final System.Logger LOG = System.getLogger(PollLoopConsumer.class.getName());

    /** Gets each decoded record on the loop's thread. */
    public interface Handler<T> {
        void handle(T message, ConsumerRecord<String, String> record);
    }

    /** Told on the loop's thread, before any record of a newly assigned partition is handled. */
    public interface Assignment {
        void assigned(Collection<Integer> partitions, int partitionCount);

        void revoked(Collection<Integer> partitions);

        Assignment NONE = new Assignment() {
            @Override
            public void assigned(Collection<Integer> partitions, int partitionCount) {
            }

            @Override
            public void revoked(Collection<Integer> partitions) {
            }
        };
    }

    /**
     * What the loop is doing: running (started and not closed), the partitions it holds, the records handled and
     * sent to the dead-letter topic, and the error of the last poll when it failed (null when it succeeded).
     */
    public record Status(boolean running, Set<Integer> partitions, long handled, long deadLettered, String pollError) {
        /** Running and its last poll succeeded: what a readiness check reports. */
        public boolean healthy() {
            return running && pollError == null;
        }

        /** One line for a health check's data. */
        public String describe() {
            return !running ? "stopped" : pollError != null ? "polling fails: " + pollError
                    : "partitions " + partitions + ", handled " + handled + ", dead-lettered " + deadLettered;
        }
    }

    private final String topic;
    private final MessageCodec<T> codec;
    private final Handler<T> handler;
    private final Assignment assignment;
    private final Map<String, Object> producerSettings;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Set<Integer> partitions = new TreeSet<>();
    private volatile boolean running;
    private volatile String pollError;
    private KafkaProducer<String, String> deadLetters;
    private KafkaClientMetrics clientMetrics;

    /**
     * @param clientConfig the service's Kafka client settings (bootstrap servers, security), then this consumer's own
     *                     (group.id, auto.offset.reset, assignor, session timeout); the settings this class stands for
     *                     (deserializers, auto-commit) override them
     * @throws IllegalArgumentException when the settings are invalid, with the client's message (naming the setting)
     */
    public PollLoopConsumer(Map<String, ?> clientConfig, String clientId, String topic, MessageCodec<T> codec,
                            Handler<T> handler, Assignment assignment) {
        this.topic = topic;
        this.codec = codec;
        this.handler = handler;
        this.assignment = assignment;
        this.producerSettings = deadLetterSettings(clientConfig, clientId + "-dlq");
        try {
            this.consumer = new KafkaConsumer<>(settings(clientConfig, clientId));
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("invalid Kafka consumer settings for " + topic + ": " + cause.getMessage(),
                    e);
        }
        this.thread = new Thread(this::loop, "kafka-poll-" + topic);
    }

    static Map<String, Object> settings(Map<String, ?> clientConfig, String clientId) {
        Map<String, Object> settings = new HashMap<>(clientConfig);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        settings.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
        return settings;
    }

    /** Dead letters must not be lost: acks=all, idempotent; only the connection settings are the service's. */
    static Map<String, Object> deadLetterSettings(Map<String, ?> clientConfig, String clientId) {
        Map<String, Object> settings = new HashMap<>();
        for (Map.Entry<String, ?> e : clientConfig.entrySet()) {
            if (ProducerConfig.configNames().contains(e.getKey())) {
                settings.put(e.getKey(), e.getValue()); // shared client settings: bootstrap, security, timeouts
            }
        }
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return settings;
    }

    /**
     * A consumer's auto.offset.reset from the service's setting {@code key}.
     *
     * @throws IllegalStateException naming the key when the value is not earliest, latest or none
     */
    public static String offsetReset(String value, String key) {
        String v = value == null ? "" : value.strip();
        if (!v.equals("earliest") && !v.equals("latest") && !v.equals("none")) {
            throw new IllegalStateException(key + ": '" + value + "' is not one of earliest, latest, none");
        }
        return v;
    }

    public String topic() {
        return topic;
    }

    /**
     * Counts the dead letters in {@code kafka_dead_letters_total{topic}} and binds the consumer's client metrics
     * (fetch lag, rates), then starts the loop.
     */
    public PollLoopConsumer<T> start(MeterRegistry registry) {
        FunctionCounter.builder("kafka.dead.letters", deadLettered, AtomicLong::get).tag("topic", topic)
                .register(registry);
        clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        return start();
    }

    public PollLoopConsumer<T> start() {
        running = true;
        thread.start();
        return this;
    }

    public Status status() {
        Set<Integer> held;
        synchronized (partitions) {
            held = Set.copyOf(partitions);
        }
        return new Status(running && thread.isAlive(), held, handled.get(), deadLettered.get(), pollError);
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(topic), new Listener());
            while (running) {
                ConsumerRecords<String, String> records;
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                    pollError = null;
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException | IllegalStateException e) {
                    pollError = e.toString();
                    LOG.log(System.Logger.Level.ERROR,
                            "polling {0} failed, retrying in {1} ms: {2}", topic, RETRY_AFTER_MS, e.toString());
                    if (!pause()) {
                        break;
                    }
                    continue;
                }
                for (ConsumerRecord<String, String> record : records) {
                    if (record.value() != null) {
                        deliver(record);
                    }
                }
            }
        } catch (RuntimeException e) {
            pollError = e.toString();
            LOG.log(System.Logger.Level.ERROR,
                    "the " + topic + " consumer stopped: " + e, e);
            throw e;
        } finally {
            running = false;
            try {
                consumer.close(Duration.ofSeconds(5)); // commits what was handled
            } catch (KafkaException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "closing the {0} consumer: {1}", topic, e.toString());
            }
            if (clientMetrics != null) {
                clientMetrics.close();
            }
            if (deadLetters != null) {
                deadLetters.close(Duration.ofSeconds(5));
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_AFTER_MS);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void deliver(ConsumerRecord<String, String> record) {
        T message;
        try {
            message = codec.decode(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return;
        }
        try {
            handler.handle(message, record);
            handled.incrementAndGet();
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException reason) {
        deadLettered.incrementAndGet();
        String dlq = Topics.deadLetterOf(topic);
        LOG.log(System.Logger.Level.WARNING,
                "{0} record (partition {1}, offset {2}, key {3}) sent to {4}: {5}", topic, record.partition(),
                record.offset(), record.key(), dlq, reason.toString());
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(producerSettings);
        }
        ProducerRecord<String, String> letter = new ProducerRecord<>(dlq, record.key(), record.value());
        Headers headers = letter.headers();
        headers.add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter, (metadata, error) -> {
                if (error != null) {
                    notDeadLettered(record, dlq, error);
                }
            });
        } catch (KafkaException e) {
            notDeadLettered(record, dlq, e);
        }
    }

    /** The record stays in its topic (until retention); the log names where to find it. */
    private void notDeadLettered(ConsumerRecord<String, String> record, String dlq, Exception error) {
        LOG.log(System.Logger.Level.ERROR,
                "could not write {0} record (partition {1}, offset {2}) to {3}: {4}", topic, record.partition(),
                record.offset(), dlq, error.toString());
    }

    /** Stops the loop (its current record is finished), commits what was handled and closes the clients. */
    @Override
    public void close() {
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO); // never started: nothing to commit
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            List<Integer> ids = ids(assigned);
            synchronized (partitions) {
                partitions.addAll(ids);
            }
            if (!ids.isEmpty()) {
                assignment.assigned(ids, consumer.partitionsFor(topic).size());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<Integer> ids = ids(revoked);
            synchronized (partitions) {
                partitions.removeAll(ids);
            }
            if (!ids.isEmpty()) {
                assignment.revoked(ids);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }

        private List<Integer> ids(Collection<TopicPartition> tps) {
            return tps.stream().filter(p -> p.topic().equals(topic)).map(TopicPartition::partition).toList();
        }
    }
}
