package io.mmplatform.ops.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.StackComponent;
import io.mmplatform.ops.StackState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./mm bench pipeline}: the paper stack with N synthetic markets (one ladder bot each, no takers, no added
 * venue latency), reference ticks at a given total rate; per hop and end to end latency from the records on the
 * topics, execution's own tick-to-order timer, the consumers' lag at the end, every process's resident memory, and
 * the bare-Kafka floor of the same shape on the same broker.
 *
 * <p>Times: a tick is price-feed's receipt of the Hermes update (the reference's receiveTimeNanos, which travels as
 * the intent's and the order's originNanos); an intent's time is quoting's createdAtMs, an order's the NEW event's
 * timeMs (both milliseconds, so the per-hop numbers have millisecond resolution); execution's tick-to-order timer
 * measures the whole path in nanoseconds.
 */
public final class PipelineBench {
    /** How to run: markets, total ticks per second, the measured window and the warm-up before it. */
    /**
     * {@code venueLatencyMs}: added by the simulator to every answer (0: none; a real venue's round trip is not);
     * {@code jitSettle}: after the warm-up, how long to wait at most for the JIT compilers to settle (0: not at all).
     */
    public record Options(Path root, Path runDir, int markets, double ratePerSecond, Duration measure,
                          Duration warmup, int portBase, long venueLatencyMs, Duration jitSettle) {
        public Options {
            if (jitSettle.isNegative()) {
                throw new IllegalArgumentException("--jit-settle must be 0 or more, got " + jitSettle.toSeconds());
            }
            if (venueLatencyMs < 0) {
                throw new IllegalArgumentException("--venue-latency-ms must be 0 or more, got " + venueLatencyMs);
            }
            if (markets < 1 || markets > 999) {
                throw new IllegalArgumentException("--markets must be 1..999, got " + markets);
            }
            if (!(ratePerSecond > 0)) {
                throw new IllegalArgumentException("--rate must be positive, got " + ratePerSecond);
            }
        }
    }

    private static final Duration FLOOR_WARMUP = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PrintStream out;

    public PipelineBench(PrintStream out) {
        this.out = out;
    }

    /** The synthetic market names: M001, M002, ... */
    static List<String> marketNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(String.format(Locale.ROOT, "M%03d", i));
        }
        return names;
    }

    /** Each market's reference ticks every this many ms, so that all markets together tick at the rate. */
    static long tickIntervalMs(int markets, double ratePerSecond) {
        return Math.max(1, Math.round(markets * 1000.0 / ratePerSecond));
    }

    /** The -D settings of every component for N synthetic markets ("component:key" -> value). */
    static Map<String, String> settings(List<String> markets, long tickIntervalMs, Path botsDir) {
        Map<String, String> p = new LinkedHashMap<>();
        // the paper stack's own four markets stay (its settings and price-feed's feeds name them); no bot quotes them
        p.put("venue-simulator:simulator.markets", String.join(",", markets) + ",BTC,ETH,SOL,INJ");
        p.put("venue-simulator:simulator.reference.tick-interval", tickIntervalMs + "ms");
        p.put("venue-simulator:simulator.reference.jump-probability", "0");
        p.put("venue-simulator:simulator.taker.rate-per-second", "0");
        p.put("venue-simulator:simulator.injective.enabled", "false");
        p.put("price-feed-service:price-feed.injective-venue.enabled", "false");
        p.put("execution-service:execution.injective.enabled", "false");
        // the benchmark measures the pipeline, not the paper venue's request budget
        p.put("execution-service:execution.rate-limit.ip.capacity", "1000000000");
        p.put("execution-service:execution.rate-limit.ip.per-second", "1000000000");
        p.put("execution-service:execution.rate-limit.wallet.capacity", "1000000000");
        p.put("execution-service:execution.rate-limit.wallet.per-second", "1000000000");
        p.put("quoting-service:quoting.bots-dir", botsDir.toString());
        p.put("price-feed-service:price-feed.venue.markets", String.join(",", markets.subList(0,
                Math.min(4, markets.size()))));
        for (String m : markets) {
            String feed = feedId(m);
            p.put("venue-simulator:simulator.market." + m + ".start-price", "100");
            p.put("venue-simulator:simulator.market." + m + ".sz-decimals", "2");
            p.put("venue-simulator:simulator.market." + m + ".feed-id", feed);
            p.put("price-feed-service:price-feed.hermes.feeds." + m, feed);
            p.put("quoting-service:quoting.sz-decimals." + m, "2");
        }
        return p;
    }

    static String feedId(String market) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("mm-bench:" + market).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ladder bot per market, wallets w1 and w2 taking turns. */
    static void writeBots(Path dir, List<String> markets) {
        try {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            for (int i = 0; i < markets.size(); i++) {
                String m = markets.get(i);
                ObjectNode bot = Json.MAPPER.createObjectNode();
                bot.put("id", "bench-" + m.toLowerCase(Locale.ROOT));
                bot.put("strategy", "ladder");
                bot.put("wallet", i % 2 == 0 ? "w1" : "w2");
                bot.putArray("markets").add(m);
                ObjectNode params = bot.putObject("params");
                params.put("spread-bps", "10").put("levels", "2").put("level-spacing-bps", "5").put("size", "0.5")
                        .put("max-position", "50").put("tif", "ALO");
                Files.writeString(dir.resolve(bot.get("id").asText() + ".json"),
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bot));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's bots to " + dir, e);
        }
    }

    public ObjectNode run(Options o) {
        List<String> markets = marketNames(o.markets());
        long intervalMs = tickIntervalMs(o.markets(), o.ratePerSecond());
        double rate = o.markets() * 1000.0 / intervalMs;
        Path botsDir = o.runDir().toAbsolutePath().resolve("bench-bots");
        writeBots(botsDir, markets);
        PaperStack stack = new PaperStack(out);
        out.printf("bench: %d markets, each ticking every %d ms (%.0f ticks/s in all), venue latency %d ms, warm-up %ds,"
                + " measure %ds%n", o.markets(), intervalMs, rate, o.venueLatencyMs(), o.warmup().toSeconds(),
                o.measure().toSeconds());
        Map<String, String> properties = new LinkedHashMap<>(settings(markets, intervalMs, botsDir));
        properties.put("venue-simulator:simulator.faults.latency-ms", Long.toString(o.venueLatencyMs()));
        StackState state;
        try {
            state = stack.up(PaperStack.Options.defaults(o.root()).withRunDir(o.runDir())
                    .withPorts(o.portBase(), 0).withDatabase("mm_portfolio")
                    .withExtraProperties(properties));
        } catch (RuntimeException e) {
            stack.down(o.runDir()); // what did start goes, so that the next run of a sweep starts clean
            throw e;
        }
        try {
            sleep(o.warmup().toMillis());
            LagSampler lagSampler = new LagSampler(state.bootstrap());
            lagSampler.start();
            double drainSeconds = awaitSteady(lagSampler);
            out.printf(Locale.ROOT, drainSeconds >= 0 ? "bench: consumers caught up after %.0f s more%n"
                    : "bench: consumers still behind after %.0f s more; measuring anyway%n", Math.abs(drainSeconds));
            double jitSeconds = o.jitSettle().isZero() ? 0 : awaitJit(state, o.jitSettle());
            out.println("bench: measuring");
            long jitBefore = JitActivity.compilerTicks(pids(state));
            Capture capture = new Capture(state.bootstrap());
            capture.start();
            Map<String, Long> cpuBefore = cpuTicks(state);
            long fromNanos = epochNanos();
            sleep(o.measure().toMillis());
            long untilNanos = epochNanos();
            Map<String, Long> cpuAfter = cpuTicks(state);
            long jitTicks = JitActivity.compilerTicks(pids(state)) - jitBefore;
            Map<String, LagSampler.Trend> lag = lagSampler.stop();
            lagSampler.close();
            sleep(1_000); // what was caused inside the window arrives
            capture.stop();
            Map<String, Map<String, Double>> timers = executionTimers(state.url(StackComponent.EXECUTION));
            Map<String, Long> rss = rss(state);
            double seconds = (untilNanos - fromNanos) / 1e9;
            Hops hops = capture.hops(fromNanos, untilNanos, seconds);
            // the floor's clients are new code to this JVM: its warm-up lets them be compiled before it counts
            LatencyStats floor = KafkaFloor.run(state.bootstrap(), new KafkaFloor.Shape(4, 8,
                    capture.averageBytes(Topics.MD_REFERENCE), capture.averageBytes(Topics.QUOTE_INTENTS),
                    o.markets(), 2, rate, o.markets(), FLOOR_WARMUP, o.measure()));
            ObjectNode report = report(o, rate, drainSeconds, hops, timers, floor, lag, rss,
                    capture.referenceRate(seconds));
            report.set("cpuPercentOfOneCore", Json.MAPPER.valueToTree(cpuPercent(cpuBefore, cpuAfter, seconds)));
            report.put("jitSettleSeconds", jitSeconds);
            report.put("jitCpuPercentOfOneCore", Math.round(jitTicks / seconds));
            print(report, hops, floor, timers, lag, rss);
            return report;
        } finally {
            stack.down(o.runDir());
        }
    }

    /** The hops measured from the topics. */
    /**
     * tick -> intent (quoting built it), intent -> its record's Kafka timestamp (quoting's producer sent it), sent
     * intent -> NEW order event (execution), tick -> NEW.
     */
    record Hops(LatencyStats tickToIntent, LatencyStats intentToSend, LatencyStats intentToOrder,
                LatencyStats tickToOrder, LatencyStats tickToReference, LatencyStats referenceToIntent) {
    }

    /**
     * md.reference, quote.intents and exec.orders over the window: their end offsets are taken when the window opens,
     * and the records from there are read after it closes (the topics keep them for an hour), so that the capture
     * takes no CPU from the pipeline it measures.
     */
    private static final class Capture {
        private final String bootstrap;
        private final Map<String, long[]> bytes = new ConcurrentHashMap<>();
        private final List<QuoteIntent> intents = new ArrayList<>();
        /** The Kafka timestamp (the producer's send time, ms) of each intent record, by intent. */
        private final Map<QuoteIntent, Long> intentSentMs = new java.util.HashMap<>();
        private final List<OrderEvent> orders = new ArrayList<>();
        /** The Kafka timestamp (price-feed's producer sent it, ms) of each reference, by its receive time. */
        private final Map<Long, Long> referenceSentMs = new java.util.HashMap<>();
        private long references;
        private KafkaConsumer<String, String> consumer;
        private List<TopicPartition> parts;

        Capture(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        /** Marks where the window starts on each partition. */
        void start() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
            consumer = new KafkaConsumer<>(p);
            parts = new ArrayList<>();
            for (String topic : List.of(Topics.MD_REFERENCE, Topics.QUOTE_INTENTS, Topics.EXEC_ORDERS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic,
                        i.partition())));
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
        }

        /** Reads everything from the marks to the partitions' current ends, then decodes it. */
        void stop() {
            try (KafkaConsumer<String, String> c = consumer) {
                Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the capture could not read the window's records back");
                    }
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                        if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                            take(r);
                        }
                    }
                }
            }
        }

        private void take(ConsumerRecord<String, String> r) {
            bytes.computeIfAbsent(r.topic(), t -> new long[2])[0] += r.serializedValueSize();
            bytes.get(r.topic())[1]++;
            switch (r.topic()) {
                case Topics.MD_REFERENCE -> {
                    references++;
                    referenceSentMs.putIfAbsent(Codecs.REFERENCE_PRICE.decode(r.value()).receiveTimeNanos(),
                            r.timestamp());
                }
                case Topics.QUOTE_INTENTS -> {
                    QuoteIntent i = Codecs.QUOTE_INTENT.decode(r.value());
                    intents.add(i);
                    intentSentMs.put(i, r.timestamp());
                }
                default -> {
                    OrderEvent e = Codecs.ORDER_EVENT.decode(r.value());
                    if (e.event() == OrderEventType.NEW) {
                        orders.add(e);
                    }
                }
            }
        }

        int averageBytes(String topic) {
            long[] b = bytes.get(topic);
            return b == null || b[1] == 0 ? 256 : (int) (b[0] / b[1]);
        }

        double referenceRate(double seconds) {
            return references / seconds;
        }

        Hops hops(long fromNanos, long untilNanos, double seconds) {
            Map<String, Long> intentAt = new java.util.HashMap<>();
            long[] tickToIntent = new long[intents.size()];
            long[] intentToSend = new long[intents.size()];
            long[] tickToReference = new long[intents.size()];
            long[] referenceToIntent = new long[intents.size()];
            int r = 0;
            int n = 0;
            for (QuoteIntent i : intents) {
                if (i.originNanos() < fromNanos || i.originNanos() >= untilNanos) {
                    continue;
                }
                Long referenceSent = referenceSentMs.get(i.originNanos());
                if (referenceSent != null) {
                    tickToReference[r] = referenceSent * 1_000_000L - i.originNanos();
                    referenceToIntent[r++] = (i.createdAtMs() - referenceSent) * 1_000_000L;
                }
                intentToSend[n] = (intentSentMs.getOrDefault(i, i.createdAtMs()) - i.createdAtMs()) * 1_000_000L;
                tickToIntent[n++] = i.createdAtMs() * 1_000_000L - i.originNanos();
                intentAt.putIfAbsent(i.walletId() + "|" + i.market() + "|" + i.originNanos(),
                        intentSentMs.getOrDefault(i, i.createdAtMs()));
            }
            long[] intentToOrder = new long[orders.size()];
            long[] tickToOrder = new long[orders.size()];
            int m = 0;
            int k = 0;
            for (OrderEvent e : orders) {
                if (e.originNanos() < fromNanos || e.originNanos() >= untilNanos) {
                    continue;
                }
                tickToOrder[k++] = e.timeMs() * 1_000_000L - e.originNanos();
                Long created = intentAt.get(e.walletId() + "|" + e.market() + "|" + e.originNanos());
                if (created != null) {
                    intentToOrder[m++] = (e.timeMs() - created) * 1_000_000L;
                }
            }
            return new Hops(LatencyStats.ofNanos(tickToIntent, n, seconds), LatencyStats.ofNanos(intentToSend, n, seconds),
                    LatencyStats.ofNanos(intentToOrder, m, seconds), LatencyStats.ofNanos(tickToOrder, k, seconds),
                    LatencyStats.ofNanos(tickToReference, r, seconds), LatencyStats.ofNanos(referenceToIntent, r, seconds));
        }
    }

    private double awaitJit(StackState state, Duration max) {
        try {
            double waited = JitActivity.awaitSettled(pids(state), max, out);
            out.printf(Locale.ROOT, waited >= 0 ? "bench: JIT compilers settled after %.0f s%n"
                    : "bench: JIT compilers still busy after %.0f s; measuring anyway%n", Math.abs(waited));
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The broker's and every component's process id. */
    private static List<Long> pids(StackState state) {
        List<Long> pids = new ArrayList<>();
        if (state.brokerPid() != null) {
            pids.add(state.brokerPid());
        }
        state.components().forEach(r -> pids.add(r.pid()));
        return pids;
    }

    private static double awaitSteady(LagSampler sampler) {
        try {
            return sampler.awaitSteady(Duration.ofSeconds(120));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** CPU time (user + system, in clock ticks of 1/100 s) of every process of the stack and of this one. */
    static Map<String, Long> cpuTicks(StackState state) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (state.brokerPid() != null) {
            out.put("kafka", cpuTicks(state.brokerPid()));
        }
        for (StackState.Running r : state.components()) {
            out.put(r.name(), cpuTicks(r.pid()));
        }
        out.put("bench", cpuTicks(ProcessHandle.current().pid()));
        return out;
    }

    static long cpuTicks(long pid) {
        try {
            return cpuTicksOf(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User + system clock ticks of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line. */
    static long cpuTicksOf(String stat) {
        // fields after the command (which is in parentheses and may hold spaces): state is field 3, utime 14
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static Map<String, Long> cpuPercent(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Long> out = new LinkedHashMap<>();
        long total = 0;
        for (var e : after.entrySet()) {
            Long b = before.get(e.getKey());
            if (b == null || b < 0 || e.getValue() < 0) {
                continue;
            }
            long pct = Math.round((e.getValue() - b) / seconds); // ticks are 1/100 s: ticks per second = % of a core
            out.put(e.getKey(), pct);
            total += pct;
        }
        out.put("total", total);
        return out;
    }

    /** Execution's own timers, by what they time: where an intent's time inside execution goes. */
    static final Map<String, String> EXECUTION_TIMERS = timerNames();

    private static Map<String, String> timerNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("execution_tick_to_order_seconds", "tick -> request (ns res)");
        m.put("execution_intent_transit_seconds", "intent sent -> received");
        m.put("execution_intent_wait_seconds", "received -> wallet thread");
        m.put("execution_drain_seconds", "wallet thread's round");
        m.put("execution_venue_exchange_roundtrip_seconds", "venue round trip");
        return m;
    }

    /**
     * Quantiles (p50Ms, p99Ms, p999Ms where published), maxMs and count of the {@link #EXECUTION_TIMERS} from
     * execution's /q/metrics. Micrometer keeps them over a rolling window of about two minutes, so they include the
     * end of the warm-up.
     */
    static Map<String, Map<String, Double>> executionTimers(String executionUrl) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(executionUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                int nameEnd = line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' ');
                if (line.startsWith("#") || nameEnd < 0) {
                    continue;
                }
                String name = line.substring(0, nameEnd);
                String base = name.replaceFirst("_(max|count|sum)$", "");
                if (!EXECUTION_TIMERS.containsKey(base)) {
                    continue;
                }
                Map<String, Double> timer = out.computeIfAbsent(base, k -> new LinkedHashMap<>());
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (name.endsWith("_count")) {
                    timer.put("count", value);
                } else if (name.endsWith("_max")) {
                    timer.put("maxMs", value * 1000);
                } else if (line.contains("quantile=\"0.5\"")) {
                    timer.put("p50Ms", value * 1000);
                } else if (line.contains("quantile=\"0.99\"")) {
                    timer.put("p99Ms", value * 1000);
                } else if (line.contains("quantile=\"0.999\"")) {
                    timer.put("p999Ms", value * 1000);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.put("unreadable", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Resident set size of every process of the stack (VmRSS from /proc), in MB. */
    static Map<String, Long> rss(StackState state) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (state.brokerPid() != null) {
            out.put("kafka", rssMb(state.brokerPid()));
        }
        for (StackState.Running r : state.components()) {
            out.put(r.name(), rssMb(r.pid()));
        }
        return out;
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private ObjectNode report(Options o, double rate, double drainSeconds, Hops hops,
                              Map<String, Map<String, Double>> timers, LatencyStats floor,
                              Map<String, LagSampler.Trend> lag, Map<String, Long> rss, double referencesPerSecond) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("time", Instant.now().toString());
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", java " + System.getProperty("java.version"));
        r.put("markets", o.markets());
        r.put("venueLatencyMs", o.venueLatencyMs());
        r.put("ticksPerSecond", rate);
        r.put("referencesPerSecond", referencesPerSecond);
        r.put("measureSeconds", o.measure().toSeconds());
        r.put("drainSeconds", drainSeconds);
        // the launcher's settings the numbers were measured with
        r.set("serviceJvmOptions", Json.MAPPER.valueToTree(PaperStack.serviceJvmOptions(
                System.getenv("MM_SERVICE_JVM_OPTS"))));
        r.put("offPathNice", PaperStack.offPathNice(System.getenv(PaperStack.OFF_PATH_NICE_ENV)));
        ObjectNode h = r.putObject("hops");
        h.set("tickToReferenceSent", Json.MAPPER.valueToTree(hops.tickToReference()));
        h.set("referenceSentToIntent", Json.MAPPER.valueToTree(hops.referenceToIntent()));
        h.set("tickToIntent", Json.MAPPER.valueToTree(hops.tickToIntent()));
        h.set("intentToSend", Json.MAPPER.valueToTree(hops.intentToSend()));
        h.set("sentIntentToOrder", Json.MAPPER.valueToTree(hops.intentToOrder()));
        h.set("tickToOrder", Json.MAPPER.valueToTree(hops.tickToOrder()));
        r.set("executionTimers", Json.MAPPER.valueToTree(timers));
        r.set("floor", Json.MAPPER.valueToTree(floor));
        r.put("floorBurst", o.markets()); // records sent together at each instant, as the markets tick together
        ObjectNode ratio = r.putObject("ratioToFloor");
        double[] x = hops.tickToOrder().ratioTo(floor);
        ratio.put("p50", x[0]);
        ratio.put("p99", x[1]);
        r.set("consumerLag", Json.MAPPER.valueToTree(lag));
        r.put("lagGrowing", lag.values().stream().anyMatch(LagSampler.Trend::growing));
        r.put("caughtUpBeforeWindow", drainSeconds >= 0);
        r.set("rssMb", Json.MAPPER.valueToTree(rss));
        r.put("rssTotalMb", rss.values().stream().filter(v -> v > 0).mapToLong(Long::longValue).sum());
        return r;
    }

    private void print(ObjectNode report, Hops hops, LatencyStats floor,
                       Map<String, Map<String, Double>> timers,
                       Map<String, LagSampler.Trend> lag, Map<String, Long> rss) {
        out.printf("%n%d markets, %.0f ticks/s (md.reference %.0f/s) over %ds%n", report.get("markets").asInt(),
                report.get("ticksPerSecond").asDouble(), report.get("referencesPerSecond").asDouble(),
                report.get("measureSeconds").asInt());
        out.printf("(risk and portfolio at nice %d; services' JVM options %s)%n", report.get("offPathNice").asInt(),
                String.join(" ", PaperStack.serviceJvmOptions(System.getenv("MM_SERVICE_JVM_OPTS"))));
        out.println(LatencyStats.header());
        out.println(hops.tickToReference().row("tick -> reference sent"));
        out.println(hops.referenceToIntent().row("reference sent -> intent"));
        out.println(hops.tickToIntent().row("tick -> intent (ms res)"));
        out.println(hops.intentToSend().row("intent -> sent (ms res)"));
        out.println(hops.intentToOrder().row("sent -> order (ms res)"));
        out.println(hops.tickToOrder().row("tick -> order (ms res)"));
        out.println(floor.row("kafka floor, 2 hops"));
        out.printf(Locale.ROOT, "  (the floor sends %d records together every %.0f ms, as the markets tick)%n",
                report.path("floorBurst").asInt(), report.path("floorBurst").asInt() * 1000.0
                        / report.path("ticksPerSecond").asDouble(1));
        out.println("execution's timers (over Micrometer's ~2 min window, so with the end of the warm-up):");
        EXECUTION_TIMERS.forEach((name, label) -> {
            Map<String, Double> t = timers.getOrDefault(name, Map.of());
            out.printf(Locale.ROOT, "  %-28s p50 %8.3f  p99 %8.3f  p99.9 %8.3f  max %8.3f ms  (%.0f)%n", label,
                    t.getOrDefault("p50Ms", Double.NaN), t.getOrDefault("p99Ms", Double.NaN),
                    t.getOrDefault("p999Ms", Double.NaN), t.getOrDefault("maxMs", Double.NaN),
                    t.getOrDefault("count", Double.NaN));
        });
        out.printf(Locale.ROOT, "pipeline / floor: p50 %.2fx, p99 %.2fx%n", report.path("ratioToFloor").path("p50")
                .asDouble(), report.path("ratioToFloor").path("p99").asDouble());
        out.println("consumer lag over the window (committed offsets, sampled each second):");
        out.printf(Locale.ROOT, "  %-52s %9s %9s %10s %10s  %s%n", "group", "start", "end", "slope/s", "in/s", "");
        lag.forEach((group, t) -> out.printf(Locale.ROOT, "  %-52s %9.0f %9.0f %10.1f %10.1f  %s%n", group,
                t.startLag(), t.endLag(), t.slopePerSecond(), t.inPerSecond(), t.growing() ? "GROWING" : "steady"));
        out.println(!report.get("caughtUpBeforeWindow").asBoolean()
                ? "consumers never caught up after the start: the pipeline does not sustain this rate"
                : report.get("lagGrowing").asBoolean() ? "lag grows: the pipeline does not sustain this rate"
                : "no lag growth: the pipeline sustains this rate");
        out.println("resident memory (MB): " + rss + ", total " + report.get("rssTotalMb").asLong());
        out.println("cpu over the window (% of one core; " + Runtime.getRuntime().availableProcessors() + " cores): "
                + report.get("cpuPercentOfOneCore") + "; of it the JIT compilers " + report.get("jitCpuPercentOfOneCore"));
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
