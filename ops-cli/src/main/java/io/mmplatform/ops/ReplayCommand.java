package io.mmplatform.ops;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "replay", description = "Produce a file written by ./mm record back into its topics, with the records' "
        + "keys, spaced by their original time gaps divided by --speed.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a file written by ./mm record (plain or .gz)")
    Path file;

    @Option(names = "--speed", defaultValue = "1", description = "replay speed: 2 = twice as fast, 0 = as fast as possible (default 1)")
    double speed;

    @Option(names = "--topics", split = ",", description = "replay only these topics (default: every topic in the file)")
    List<String> topics;

    @Option(names = "--rewrite-times", description = "shift the time fields of each value (receiveTimeNanos, publishTimeMs, "
            + "venueTimeMs, any ...TimeMs/...TimeNanos) by (now - the first record's timestamp), so the data looks fresh")
    boolean rewriteTimes;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() throws Exception {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be 0 (as fast as possible) or a positive number: " + speed);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        Summary summary = new Replayer(kafka.resolve(), speed,
                topics == null || topics.isEmpty() ? null : Set.copyOf(topics), rewriteTimes, System.out, System.err)
                .replay(file);
        return summary.failed() > 0 ? 1 : 0;
    }

    private static boolean warmUp(KafkaProducer<String, String> producer, String topic) {
        try {
            return !producer.partitionsFor(topic).isEmpty();
        } catch (KafkaException e) {
            return false;
        }
    }

    /** What a replay did. {@code elapsed} runs from the first record sent to the last one acknowledged. */
    record Summary(Map<String, Long> perTopic, long sent, long malformed, long filtered, long failed, Duration elapsed) {
    }

    /** Produces a recording back into Kafka; usable from tests. */
    static final class Replayer {
        private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

        private final String bootstrap;
        private final double speed;
        private final Set<String> topics;
        private final boolean rewriteTimes;
        private final PrintStream console;
        private final PrintStream errors;

        Replayer(String bootstrap, double speed, Set<String> topics, boolean rewriteTimes, PrintStream console,
                 PrintStream errors) {
            this.bootstrap = bootstrap;
            this.speed = speed;
            this.topics = topics;
            this.rewriteTimes = rewriteTimes;
            this.console = console;
            this.errors = errors;
        }

        Summary replay(Path file) throws IOException, InterruptedException {
            Map<String, Long> perTopic = new TreeMap<>();
            long sent = 0;
            long malformed = 0;
            long filtered = 0;
            AtomicLong failed = new AtomicLong();
            AtomicReference<String> firstFailure = new AtomicReference<>();
            long firstTimestamp = 0;
            long shiftMs = 0;
            long startNanos = 0;
            boolean first = true;
            Duration elapsed;
            Set<String> warmedUp = new HashSet<>();
            Set<String> missing = new HashSet<>();
            long notAvailable = 0;
            try (BufferedReader reader = MarketDataRecording.openReader(file);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                         ProducerConfig.ACKS_CONFIG, "all",
                         ProducerConfig.LINGER_MS_CONFIG, "0",
                         ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                         ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000",
                         ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                         ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                console.println("replaying " + file + " into " + bootstrap + " at "
                        + (speed == 0 ? "full speed" : speed + "x") + (rewriteTimes ? ", times rewritten" : ""));
                long lastProgress = System.nanoTime();
                long lineNumber = 0;
                String text;
                while ((text = reader.readLine()) != null) {
                    lineNumber++;
                    if (text.isBlank()) {
                        continue;
                    }
                    MarketDataRecording.Line line;
                    try {
                        line = MarketDataRecording.decode(text);
                    } catch (MarketDataRecording.MalformedLineException e) {
                        malformed++;
                        errors.println("replay: line " + lineNumber + " skipped: " + e.getMessage());
                        continue;
                    }
                    if (topics != null && !topics.contains(line.topic())) {
                        filtered++;
                        continue;
                    }
                    if (warmedUp.add(line.topic()) && !warmUp(producer, line.topic())) {
                        missing.add(line.topic()); // metadata first, so that it does not delay the pacing
                        errors.println("replay: topic " + line.topic() + " is not available on " + bootstrap
                                + "; its records are not sent");
                        firstFailure.compareAndSet(null, line.topic() + ": not available");
                    }
                    if (missing.contains(line.topic())) {
                        notAvailable++;
                        continue;
                    }
                    if (first) {
                        first = false;
                        firstTimestamp = line.timestampMs();
                        shiftMs = rewriteTimes ? System.currentTimeMillis() - firstTimestamp : 0;
                        startNanos = System.nanoTime();
                    } else if (speed > 0) {
                        // each record at its own offset from the first: no drift accumulates over a long file
                        long dueNanos = startNanos + (long) ((line.timestampMs() - firstTimestamp) * 1_000_000L / speed);
                        long waitNanos = dueNanos - System.nanoTime();
                        if (waitNanos > 0) {
                            TimeUnit.NANOSECONDS.sleep(waitNanos);
                        }
                    }
                    String value = rewriteTimes ? MarketDataRecording.shiftTimes(line.value(), shiftMs) : line.value();
                    String topic = line.topic();
                    producer.send(new ProducerRecord<>(topic, line.key(), value), (metadata, exception) -> {
                        if (exception != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, topic + ": " + exception.getMessage());
                        }
                    });
                    perTopic.merge(topic, 1L, Long::sum);
                    sent++;
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                        lastProgress = System.nanoTime();
                        console.println("replay: " + sent + " records sent (line " + lineNumber + ")");
                    }
                }
                producer.flush();
                elapsed = first ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
            }
            Summary summary = new Summary(perTopic, sent - failed.get(), malformed, filtered,
                    failed.get() + notAvailable, elapsed);
            console.println("replayed " + summary.sent() + " records in " + elapsed.toMillis() + " ms: " + perTopic
                    + (malformed > 0 ? ", " + malformed + " malformed lines skipped" : "")
                    + (filtered > 0 ? ", " + filtered + " records of other topics left out" : "")
                    + (summary.failed() > 0 ? ", " + summary.failed() + " FAILED (first: " + firstFailure.get() + ")" : ""));
            return summary;
        }
    }
}
