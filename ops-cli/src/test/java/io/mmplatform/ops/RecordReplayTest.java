package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Json;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./mm record and ./mm replay against a real broker (test-support's). */
class RecordReplayTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static String reference(String instrument, long publishTimeMs) {
        return "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"" + instrument + "\",\"source\":\"pyth\","
                + "\"price\":\"97000.5\",\"conf\":\"1.25\",\"publishTimeMs\":" + publishTimeMs
                + ",\"receiveTimeNanos\":" + (publishTimeMs * 1_000_000L + 412_345_678L) + "}";
    }

    private static String book(String market, long seq, long venueTimeMs) {
        return "{\"type\":\"venue-book\",\"v\":1,\"venue\":\"hyperliquid\",\"market\":\"" + market + "\",\"seq\":" + seq
                + ",\"venueTimeMs\":" + venueTimeMs + ",\"receiveTimeNanos\":" + (venueTimeMs * 1_000_000L + 4_000_000L)
                + ",\"bids\":[{\"price\":\"96999\",\"size\":\"0.5\",\"orders\":2}],\"asks\":[]}";
    }

    private static String line(String topic, int partition, long offset, long timestampMs, String key, String value) {
        return MarketDataRecording.encode(new MarketDataRecording.Line(topic, partition, offset, timestampMs, key, value));
    }

    @Test
    void theMarketDataTopicsAreEveryMdTopic() {
        List<String> topics = MarketDataRecording.marketDataTopics();
        assertTrue(topics.containsAll(List.of(Topics.MD_REFERENCE, Topics.MD_VENUE_BOOK)), topics.toString());
        assertTrue(topics.stream().allMatch(t -> t.startsWith("md.")), topics.toString());
        assertEquals(Topics.ALL.stream().filter(t -> t.startsWith("md.")).count(), topics.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"md.jsonl", "md.jsonl.gz"})
    void recordWritesEveryMarketDataRecordAsOneJsonLine(String name, @TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrap();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve(name);
        boolean gzip = name.endsWith(".gz");
        RecordCommand.Recorder recorder = new RecordCommand.Recorder(bootstrap, MarketDataRecording.marketDataTopics(),
                file, false, QUIET);
        CompletableFuture<Map<String, Long>> done = CompletableFuture.supplyAsync(() -> {
            try {
                return recorder.run(Duration.ofMinutes(2));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(recorder.awaitStarted(Duration.ofSeconds(30)), "recorder started");

        long now = System.currentTimeMillis();
        List<String[]> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] ref = {Topics.MD_REFERENCE, "BTC-" + run + "-" + i, reference("BTC", now + i)};
            String[] venue = {Topics.MD_VENUE_BOOK, "hyperliquid/BTC-" + run + "-" + i, book("BTC", i, now + i)};
            for (String[] record : List.of(ref, venue)) {
                TestKafka.send(record[0], record[1], record[2]);
                sent.add(record);
            }
        }
        TestKafka.send("quote.intents", "not-market-data-" + run, "{}");

        if (gzip) { // a gzip stream is readable once closed
            Await.until("6 records recorded", Duration.ofSeconds(30), () -> recorder.recorded() >= 6);
        } else { // flushed while recording
            Await.until("6 records of this run in the file", Duration.ofSeconds(30),
                    () -> linesOfRun(file, run).size() == 6);
        }
        recorder.stop();
        Map<String, Long> perTopic = done.get(30, TimeUnit.SECONDS);
        assertTrue(perTopic.get(Topics.MD_REFERENCE) >= 3 && perTopic.get(Topics.MD_VENUE_BOOK) >= 3, perTopic.toString());

        List<JsonNode> lines = linesOfRun(file, run);
        assertEquals(6, lines.size());
        for (String[] record : sent) {
            JsonNode match = lines.stream().filter(l -> l.path("key").asText().equals(record[1])).findFirst().orElseThrow();
            assertEquals(record[0], match.path("topic").asText());
            assertEquals(record[2], match.path("value").asText(), "value kept as the exact string");
            assertTrue(match.path("partition").isInt() && match.path("offset").isIntegralNumber(), match.toString());
            assertTrue(Math.abs(match.path("timestampMs").asLong() - now) < 60_000, match.toString());
        }
        assertTrue(readAll(file).stream().noneMatch(l -> l.contains("not-market-data")), "only md.* topics are recorded");
        if (gzip) {
            byte[] head = Files.readAllBytes(file);
            assertTrue((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b, "gzip-compressed");
        }
    }

    @Test
    void replayProducesTheRecordsBackIdenticalInOrderAndSkipsAMalformedLine(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.currentTimeMillis() - 3_600_000;
        List<String> lines = new ArrayList<>();
        List<String[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String topic = i % 2 == 0 ? Topics.MD_REFERENCE : Topics.MD_VENUE_BOOK;
            String key = (i % 2 == 0 ? "ETH-" : "hyperliquid/ETH-") + run + "-" + (i % 3); // several records per key
            String value = i % 2 == 0 ? reference("ETH", t0 + i) : book("ETH", i, t0 + i);
            lines.add(line(topic, 0, i, t0 + i * 10L, key, value));
            expected.add(new String[]{topic, key, value});
            if (i == 4) {
                lines.add("{this is not json");
            }
        }
        Path file = dir.resolve("md.jsonl");
        Files.write(file, lines);

        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE);
             RecordCollector books = TestKafka.collector(Topics.MD_VENUE_BOOK)) {
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            ReplayCommand.Summary summary = new ReplayCommand.Replayer(TestKafka.bootstrap(), 0, null, false, QUIET,
                    new PrintStream(errors, true, StandardCharsets.UTF_8)).replay(file);
            assertEquals(8, summary.sent());
            assertEquals(1, summary.malformed());
            assertEquals(0, summary.failed());
            String reported = errors.toString(StandardCharsets.UTF_8);
            assertTrue(reported.contains("line 6"), reported);

            Predicate<ConsumerRecord<String, String>> ofRun = r -> r.key() != null && r.key().contains(run);
            Await.until("the replayed records", Duration.ofSeconds(30), () ->
                    references.records().stream().filter(ofRun).count() == 4
                            && books.records().stream().filter(ofRun).count() == 4);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            received.addAll(references.records().stream().filter(ofRun).toList());
            received.addAll(books.records().stream().filter(ofRun).toList());
            for (String topic : List.of(Topics.MD_REFERENCE, Topics.MD_VENUE_BOOK)) {
                // per key (so per partition), the values arrive in the file's order
                Map<String, List<String>> want = expected.stream().filter(e -> e[0].equals(topic))
                        .collect(Collectors.groupingBy(e -> e[1], Collectors.mapping(e -> e[2], Collectors.toList())));
                Map<String, List<String>> got = received.stream().filter(r -> r.topic().equals(topic))
                        .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                        .collect(Collectors.groupingBy(ConsumerRecord::key,
                                Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
                assertEquals(want, got, topic);
                Map<Integer, List<Long>> offsets = received.stream().filter(r -> r.topic().equals(topic))
                        .collect(Collectors.groupingBy(ConsumerRecord::partition,
                                Collectors.mapping(ConsumerRecord::offset, Collectors.toList())));
                offsets.values().forEach(list -> assertEquals(list.stream().sorted().toList(), list,
                        "received in partition order"));
            }
        }
    }

    @Test
    void replayWithTheTopicsOptionLeavesTheOtherTopicsOut(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.currentTimeMillis();
        Path file = dir.resolve("md.jsonl");
        Files.write(file, List.of(
                line(Topics.MD_REFERENCE, 0, 0, t0, "SOL-" + run, reference("SOL", t0)),
                line(Topics.MD_VENUE_BOOK, 0, 0, t0, "hyperliquid/SOL-" + run, book("SOL", 1, t0))));
        ReplayCommand.Summary summary = new ReplayCommand.Replayer(TestKafka.bootstrap(), 0,
                Set.of(Topics.MD_VENUE_BOOK), false, QUIET, QUIET).replay(file);
        assertEquals(1, summary.sent());
        assertEquals(1, summary.filtered());
        assertEquals(Map.of(Topics.MD_VENUE_BOOK, 1L), summary.perTopic());
    }

    @Test
    void replayAtTwiceTheSpeedTakesAboutHalfTheRecordedTime(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.currentTimeMillis() - 60_000;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // 1 s apart: 2 s of recording
            lines.add(line(Topics.MD_REFERENCE, 0, i, t0 + i * 1000L, "BTC-" + run, reference("BTC", t0 + i * 1000L)));
        }
        Path file = dir.resolve("md.jsonl");
        Files.write(file, lines);
        ReplayCommand.Summary summary = new ReplayCommand.Replayer(TestKafka.bootstrap(), 2, null, false, QUIET, QUIET)
                .replay(file);
        assertEquals(3, summary.sent());
        long ms = summary.elapsed().toMillis();
        assertTrue(ms >= 700, "paced, not instantaneous: " + ms + " ms");
        assertTrue(ms < 1_900, "faster than the 2 s recorded: " + ms + " ms");
    }

    @Test
    void rewriteTimesShiftsTheTimeFieldsSoTheDataLooksFresh(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long old = System.currentTimeMillis() - 86_400_000L; // a day old
        Path file = dir.resolve("md.jsonl.gz");
        try (var writer = MarketDataRecording.openWriter(file)) {
            writer.write(line(Topics.MD_REFERENCE, 0, 0, old, "INJ-" + run, reference("INJ", old - 500)));
            writer.newLine();
            writer.write(line(Topics.MD_VENUE_BOOK, 0, 0, old + 10, "hyperliquid/INJ-" + run, book("INJ", 7, old + 5)));
            writer.newLine();
        }
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE);
             RecordCollector books = TestKafka.collector(Topics.MD_VENUE_BOOK)) {
            long before = System.currentTimeMillis();
            ReplayCommand.Summary summary = new ReplayCommand.Replayer(TestKafka.bootstrap(), 0, null, true, QUIET, QUIET)
                    .replay(file);
            assertEquals(2, summary.sent());
            JsonNode ref = Json.MAPPER.readTree(references.awaitRecord(r -> ("INJ-" + run).equals(r.key()),
                    Duration.ofSeconds(30)).value());
            JsonNode venue = Json.MAPPER.readTree(books.awaitRecord(r -> ("hyperliquid/INJ-" + run).equals(r.key()),
                    Duration.ofSeconds(30)).value());
            long shift = ref.path("publishTimeMs").asLong() - (old - 500);
            assertTrue(shift >= before - old && shift <= System.currentTimeMillis() - old, "shift " + shift);
            assertEquals((old - 500) * 1_000_000L + 412_345_678L + shift * 1_000_000L, ref.path("receiveTimeNanos").asLong());
            assertEquals(old + 5 + shift, venue.path("venueTimeMs").asLong());
            assertEquals((old + 5) * 1_000_000L + 4_000_000L + shift * 1_000_000L, venue.path("receiveTimeNanos").asLong());
            assertEquals("97000.5", ref.path("price").asText(), "other fields untouched");
            assertEquals(7, venue.path("seq").asLong(), "seq is not a time");
            assertEquals("96999", venue.path("bids").get(0).path("price").asText());
        }
    }

    @Test
    void aValueThatIsNotJsonIsReplayedUnchangedEvenWithRewriteTimes() {
        assertEquals("{oops", MarketDataRecording.shiftTimes("{oops", 1000));
        assertEquals("{\"a\":1}", MarketDataRecording.shiftTimes("{\"a\":1}", 1000));
        assertEquals("{\"x\":{\"fooTimeMs\":1001}}", MarketDataRecording.shiftTimes("{\"x\":{\"fooTimeMs\":1}}", 1000));
    }

    @Test
    void malformedLinesAreRecognised() {
        for (String bad : List.of("{", "[]", "{\"topic\":\"md.reference\",\"value\":\"x\"}",
                "{\"topic\":\"md.reference\",\"timestampMs\":1}", "{\"timestampMs\":1,\"value\":\"x\"}",
                "{\"topic\":\"md.reference\",\"timestampMs\":1,\"value\":{}}")) {
            try {
                MarketDataRecording.decode(bad);
                throw new AssertionError("accepted: " + bad);
            } catch (MarketDataRecording.MalformedLineException expected) {
                // skipped and counted by replay
            }
        }
    }

    private static List<String> readAll(Path file) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = MarketDataRecording.openReader(file)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lines.add(text);
            }
        } catch (IOException endOfAnUnfinishedGzipStream) {
            // the recorder is still writing: the lines flushed so far were read
        }
        return lines;
    }

    private static List<JsonNode> linesOfRun(Path file, String run) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String text : readAll(file)) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node.path("key").asText().contains(run)) {
                    nodes.add(node);
                }
            } catch (IOException e) {
                // a line being written (the last one of a gzip stream) is read again at the next check
            }
        }
        return nodes;
    }
}
