package io.mmplatform.ops;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "record", description = "Record the market-data topics (every md.* topic) of the running stack into a "
        + "file, one JSON line per record; stops after --minutes or on Ctrl-C. A .gz file name compresses.")
final class RecordCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "the file to write (FILE.gz: gzip-compressed)")
    Path out;

    @Option(names = "--minutes", defaultValue = "0", description = "stop after N minutes (decimals allowed; 0 = until Ctrl-C)")
    double minutes;

    @Option(names = "--topics", split = ",", description = "topics to record (default: every md.* topic of the platform)")
    List<String> topics;

    @Option(names = "--from-beginning", description = "start at the oldest record kept instead of now")
    boolean fromBeginning;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() throws Exception {
        Recorder recorder = new Recorder(kafka.resolve(),
                topics == null || topics.isEmpty() ? MarketDataRecording.marketDataTopics() : topics,
                out, fromBeginning, System.out);
        Thread hook = new Thread(recorder::stopAndAwait, "mm-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            recorder.run(minutes > 0 ? Duration.ofMillis(Math.round(minutes * 60_000)) : null);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for run() to have closed the file
            }
        }
        return 0;
    }

    /** Consumes the topics into the file until stopped or the duration has passed; usable from tests. */
    static final class Recorder {
        private final String bootstrap;
        private final List<String> topics;
        private final Path file;
        private final boolean fromBeginning;
        private final PrintStream console;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Map<String, Long> perTopic = new TreeMap<>();
        private final java.util.concurrent.atomic.AtomicLong recorded = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean stopping;
        private volatile KafkaConsumer<String, String> consumer;

        Recorder(String bootstrap, List<String> topics, Path file, boolean fromBeginning, PrintStream console) {
            this.bootstrap = bootstrap;
            this.topics = List.copyOf(topics);
            this.file = file;
            this.fromBeginning = fromBeginning;
            this.console = console;
        }

        /** Records until {@link #stop()} or until {@code duration} (null: no limit) has passed; returns records per topic. */
        Map<String, Long> run(Duration duration) throws IOException {
            long total = 0;
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
                 BufferedWriter writer = MarketDataRecording.openWriter(file)) {
                consumer = kafka;
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    var infos = kafka.partitionsFor(topic, Duration.ofSeconds(15));
                    if (infos == null || infos.isEmpty()) {
                        console.println("record: topic " + topic + " does not exist, skipped");
                        continue;
                    }
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    perTopic.put(topic, 0L);
                }
                if (partitions.isEmpty()) {
                    throw new IllegalArgumentException("none of the topics " + topics + " exists on " + bootstrap);
                }
                kafka.assign(partitions);
                if (fromBeginning) {
                    kafka.seekToBeginning(partitions);
                } else {
                    kafka.seekToEnd(partitions);
                }
                partitions.forEach(kafka::position); // fix the start now: records sent after this point are recorded
                console.println("recording " + perTopic.keySet() + " from " + bootstrap + " into " + file
                        + (duration == null ? " until Ctrl-C" : " for " + duration.toSeconds() + " s"));
                started.countDown();
                long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                long lastFlush = System.nanoTime();
                boolean unflushed = false;
                while (!stopping && System.nanoTime() - deadline < 0) {
                    ConsumerRecords<String, String> batch;
                    try {
                        batch = kafka.poll(Duration.ofMillis(200));
                    } catch (WakeupException wakeup) {
                        break;
                    }
                    for (ConsumerRecord<String, String> record : batch) {
                        writer.write(MarketDataRecording.encode(new MarketDataRecording.Line(record.topic(),
                                record.partition(), record.offset(), record.timestamp(), record.key(), record.value())));
                        writer.newLine();
                        perTopic.merge(record.topic(), 1L, Long::sum);
                        total++;
                        recorded.incrementAndGet();
                        unflushed = true;
                    }
                    if (unflushed && System.nanoTime() - lastFlush > TimeUnit.MILLISECONDS.toNanos(500)) {
                        writer.flush();
                        lastFlush = System.nanoTime();
                        unflushed = false;
                    }
                }
                writer.flush();
            } finally {
                started.countDown();
                consumer = null;
                console.println("recorded " + total + " records into " + file + ": " + perTopic);
                finished.countDown();
            }
            return perTopic;
        }

        /** Waits until the consumer's start positions are fixed (records produced afterwards are recorded). */
        boolean awaitStarted(Duration timeout) throws InterruptedException {
            return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Records written so far. */
        long recorded() {
            return recorded.get();
        }

        void stop() {
            stopping = true;
            KafkaConsumer<String, String> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        /** For the shutdown hook: stop, and wait until the file is flushed and closed. */
        void stopAndAwait() {
            stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
