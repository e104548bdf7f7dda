package io.mmplatform.ops;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.DecodeException;
import io.mmplatform.ops.quality.InjectiveCounters;
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

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "quality", description = "Market quality over a window, per venue and market: tracking error of the "
        + "venue mid to the market's reference (INJ for INJ, INJ/USDT and INJ/USDT-PERP), depth near the mid, two-sided "
        + "uptime, a liquidity score and the order success rate; and execution's Injective sequence errors, recoveries "
        + "and transaction outcomes per wallet (n/a when execution has no such counters).")
final class QualityCommand implements Callable<Integer> {
    static final List<String> TOPICS = List.of(Topics.MD_REFERENCE, Topics.MD_VENUE_BOOK, Topics.EXEC_ORDERS);
    /** The venue whose wallets the Injective counters belong to. */
    static final String INJECTIVE = "injective";

    @Option(names = "--minutes", defaultValue = "10", description = "the window in minutes (decimals allowed; default 10)")
    double minutes;

    @Option(names = "--from-beginning", description = "the last N minutes already on the topics, then stop (default: "
            + "from now on for N minutes)")
    boolean fromBeginning;

    @Option(names = "--markets", split = ",", description = "markets to report (BTC, hyperliquid/BTC, INJ/USDT or "
            + "injective/INJ/USDT; default: all)")
    Set<String> markets;

    @Option(names = "--max-spread-bps", defaultValue = "50", description = "widest spread that counts as two-sided (default 50)")
    BigDecimal maxSpreadBps;

    @Option(names = "--min-depth-usd", defaultValue = "1000",
            description = "USD each side needs within max-spread of the mid to count as two-sided (default 1000)")
    BigDecimal minDepthUsd;

    @Option(names = "--json", description = "also write the report as JSON to this file; - prints the JSON on standard "
            + "output instead of the table")
    String json;

    @Option(names = "--execution-url", split = ",", description = "execution replicas' base URLs, whose /q/metrics give "
            + "the Injective counters (default: the paper stack's, from its stack.json)")
    List<String> executionUrls;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be positive");
        }
        MarketQuality.Settings settings = new MarketQuality.Settings(maxSpreadBps, minDepthUsd, markets);
        Collector collector = new Collector(kafka.resolve(), settings, System.err, executionUrls(),
                ExecutionMetrics::read);
        Thread hook = new Thread(collector::stopAndAwait, "mm-quality-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            QualityReport report = collector.run(Duration.ofMillis(Math.round(minutes * 60_000)), fromBeginning);
            if ("-".equals(json)) {
                System.out.println(report.toJson());
            } else {
                System.out.print(report.toTable());
            }
            if (json != null && !json.equals("-")) {
                Path file = Path.of(json);
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, report.toJson() + "\n", StandardCharsets.UTF_8);
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

    /** --execution-url, else every execution replica of the paper stack in the run directory (none: not running). */
    private List<String> executionUrls() {
        if (executionUrls != null && !executionUrls.isEmpty()) {
            return executionUrls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        }
        Path runDir = (kafka.runDir != null ? kafka.runDir : MmCommand.root().resolve("run")).toAbsolutePath();
        return StackState.read(runDir).map(state -> state.replicas(StackComponent.EXECUTION).stream()
                .map(StackState.Running::url).toList()).orElse(List.of());
    }

    /** Reads a replica's Prometheus metrics: the text, or null when it cannot be read. */
    @FunctionalInterface
    interface MetricsReader {
        String read(String baseUrl);
    }

    /** GET {base}/q/metrics, the Prometheus text format. */
    static final class ExecutionMetrics {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        static String read(String baseUrl) {
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                        .header("Accept", "text/plain").timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? response.body() : null;
            } catch (IOException | IllegalArgumentException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private ExecutionMetrics() {
        }
    }

    /** Reads the three topics over the window into a {@link MarketQuality}; stoppable (Ctrl-C ends the window early). */
    static final class Collector {
        private final String bootstrap;
        private final MarketQuality.Settings settings;
        private final PrintStream console;
        private final List<String> executionUrls;
        private final MetricsReader metrics;
        final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean stopping;
        private volatile KafkaConsumer<String, String> consumer;

        /**
         * @param executionUrls the execution replicas whose Injective counters are read at the window's start and
         *                      end (none: the counters are n/a)
         */
        Collector(String bootstrap, MarketQuality.Settings settings, PrintStream console, List<String> executionUrls,
                  MetricsReader metrics) {
            this.bootstrap = bootstrap;
            this.settings = settings;
            this.console = console;
            this.executionUrls = List.copyOf(executionUrls);
            this.metrics = metrics;
        }

        /**
         * From now on for {@code window}; or, with {@code fromBeginning}, the records of the last {@code window}
         * already on the topics (by record timestamp), up to their end when this starts.
         */
        QualityReport run(Duration window, boolean fromBeginning) {
            MarketQuality quality = new MarketQuality(settings);
            Map<String, Long> perTopic = new TreeMap<>();
            Map<String, String> startMetrics = Map.of();
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
                    startMetrics = readMetrics();
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
            List<MarketQuality.MarketReport> markets = quality.report();
            InjectiveCounters.Report counters;
            if (fromBeginning) {
                counters = InjectiveCounters.Report.unavailable("a past window (--from-beginning): the counters are "
                        + "read at the start and end of a live window");
            } else if (executionUrls.isEmpty()) {
                counters = InjectiveCounters.Report.unavailable("no execution replica known (no paper stack running; "
                        + "--execution-url names them)");
            } else {
                Map<String, String> endMetrics = readMetrics();
                List<InjectiveCounters.Read> reads = new ArrayList<>();
                for (String url : executionUrls) {
                    reads.add(new InjectiveCounters.Read(url, startMetrics.get(url), endMetrics.get(url)));
                }
                Set<String> injectiveWallets = new TreeSet<>();
                markets.stream().filter(m -> m.venue().equals(INJECTIVE)).forEach(m -> injectiveWallets.addAll(m.wallets()));
                counters = InjectiveCounters.report(reads, injectiveWallets);
            }
            return new QualityReport(startMs, System.currentTimeMillis(), settings, perTopic, undecodable, markets,
                    counters);
        }

        /** Every replica's metrics text by URL (absent when unreadable). */
        private Map<String, String> readMetrics() {
            Map<String, String> out = new HashMap<>();
            for (String url : executionUrls) {
                String text = metrics.read(url);
                if (text != null) {
                    out.put(url, text);
                }
            }
            return out;
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
