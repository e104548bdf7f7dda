package io.mmplatform.ops;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.DecodeException;
import io.mmplatform.ops.quality.MarketQuality;
import io.mmplatform.ops.quality.QualityReport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "quality", description = "Market quality over a window: tracking error of the venue mid to the reference, "
        + "depth near the mid, two-sided uptime, a liquidity score and the order success rate, per market.")
final class QualityCommand implements Callable<Integer> {
    static final List<String> TOPICS = List.of(Topics.MD_REFERENCE, Topics.MD_VENUE_BOOK, Topics.EXEC_ORDERS);

    @Option(names = "--minutes", defaultValue = "10", description = "the window in minutes (decimals allowed; default 10)")
    double minutes;

    @Option(names = "--from-beginning", description = "the last N minutes already on the topics, then stop (default: "
            + "from now on for N minutes)")
    boolean fromBeginning;

    @Option(names = "--markets", split = ",", description = "markets to report (BTC or hyperliquid/BTC; default: all)")
    Set<String> markets;

    @Option(names = "--max-spread-bps", defaultValue = "50", description = "widest spread that counts as two-sided (default 50)")
    BigDecimal maxSpreadBps;

    @Option(names = "--min-depth-usd", defaultValue = "1000",
            description = "USD each side needs within max-spread of the mid to count as two-sided (default 1000)")
    BigDecimal minDepthUsd;

    @Option(names = "--json", description = "also write the report as JSON to this file")
    Path json;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be positive");
        }
        MarketQuality.Settings settings = new MarketQuality.Settings(maxSpreadBps, minDepthUsd, markets);
        Collector collector = new Collector(kafka.resolve(), settings, System.err);
        Thread hook = new Thread(collector::stopAndAwait, "mm-quality-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            QualityReport report = collector.run(Duration.ofMillis(Math.round(minutes * 60_000)), fromBeginning);
            System.out.print(report.toTable());
            if (json != null) {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, report.toJson() + "\n", StandardCharsets.UTF_8);
            }
        } finally {
            collector.finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for the report above
            }
        }
        return 0;
    }

    /** Reads the three topics over the window into a {@link MarketQuality}; stoppable (Ctrl-C ends the window early). */
    static final class Collector {
        private final String bootstrap;
        private final MarketQuality.Settings settings;
        private final PrintStream console;
        final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean stopping;
        private volatile KafkaConsumer<String, String> consumer;

        Collector(String bootstrap, MarketQuality.Settings settings, PrintStream console) {
            this.bootstrap = bootstrap;
            this.settings = settings;
            this.console = console;
        }

        /**
         * From now on for {@code window}; or, with {@code fromBeginning}, the records of the last {@code window}
         * already on the topics (by record timestamp), up to their end when this starts.
         */
        QualityReport run(Duration window, boolean fromBeginning) {
            MarketQuality quality = new MarketQuality(settings);
            Map<String, Long> perTopic = new TreeMap<>();
            long undecodable = 0;
            long startMs = System.currentTimeMillis() - (fromBeginning ? window.toMillis() : 0);
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
                consumer = kafka;
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    var infos = kafka.partitionsFor(topic, Duration.ofSeconds(15));
                    if (infos == null || infos.isEmpty()) {
                        console.println("quality: topic " + topic + " does not exist, skipped");
                        continue;
                    }
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    perTopic.put(topic, 0L);
                }
                if (partitions.isEmpty()) {
                    throw new IllegalArgumentException("none of the topics " + TOPICS + " exists on " + bootstrap);
                }
                kafka.assign(partitions);
                Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(15));
                if (fromBeginning) {
                    Map<TopicPartition, Long> at = new HashMap<>();
                    partitions.forEach(p -> at.put(p, startMs));
                    Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(at, Duration.ofSeconds(15));
                    for (TopicPartition p : partitions) {
                        OffsetAndTimestamp offset = found.get(p);
                        kafka.seek(p, offset == null ? ends.get(p) : offset.offset()); // null: nothing that recent
                    }
                } else {
                    kafka.seekToEnd(partitions);
                    partitions.forEach(kafka::position);
                    console.println("quality: reading " + TOPICS + " from " + bootstrap + " for "
                            + window.toSeconds() + " s (Ctrl-C ends early)");
                }
                long deadline = System.nanoTime() + window.toNanos();
                while (!stopping) {
                    ConsumerRecords<String, String> batch;
                    try {
                        if (fromBeginning ? reachedEnd(kafka, partitions, ends) : System.nanoTime() - deadline >= 0) {
                            break;
                        }
                        batch = kafka.poll(Duration.ofMillis(200));
                    } catch (WakeupException wakeup) {
                        break;
                    }
                    for (ConsumerRecord<String, String> record : batch) {
                        if (fromBeginning && (record.timestamp() < startMs
                                || record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition())))) {
                            continue;
                        }
                        if (!feed(quality, record)) {
                            undecodable++;
                        }
                        perTopic.merge(record.topic(), 1L, Long::sum);
                    }
                }
            } finally {
                consumer = null;
            }
            return new QualityReport(startMs, System.currentTimeMillis(), settings, perTopic, undecodable,
                    quality.report());
        }

        private static boolean reachedEnd(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions,
                                          Map<TopicPartition, Long> ends) {
            for (TopicPartition p : partitions) {
                if (kafka.position(p) < ends.get(p)) {
                    return false;
                }
            }
            return true;
        }

        /** Hands one record to the computation; false if it could not be decoded (it is skipped). */
        static boolean feed(MarketQuality quality, ConsumerRecord<String, String> record) {
            if (record.value() == null) {
                return true; // a tombstone carries nothing to measure
            }
            try {
                switch (record.topic()) {
                    case Topics.MD_REFERENCE -> quality.onReference(Codecs.REFERENCE_PRICE.decode(record.value()));
                    case Topics.MD_VENUE_BOOK -> quality.onBook(Codecs.VENUE_BOOK.decode(record.value()));
                    case Topics.EXEC_ORDERS -> quality.onOrder(Codecs.ORDER_EVENT.decode(record.value()));
                    default -> {
                        // not one of ours
                    }
                }
                return true;
            } catch (DecodeException e) {
                return false;
            }
        }

        void stop() {
            stopping = true;
            KafkaConsumer<String, String> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        /** For the shutdown hook: end the window now and wait until the report is printed. */
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
