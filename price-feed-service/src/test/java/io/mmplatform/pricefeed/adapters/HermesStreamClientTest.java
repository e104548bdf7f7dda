package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.FakeHermesVenue;
import io.mmplatform.pricefeed.domain.HermesPrice;
import io.mmplatform.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hermes client against a local server speaking Hermes SSE. */
class HermesStreamClientTest {

    private static final class Recorder implements HermesStreamClient.Listener {
        final List<String> prices = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<Duration> retries = new CopyOnWriteArrayList<>();
        final List<Long> publishTimes = new CopyOnWriteArrayList<>();

        @Override
        public void onPrice(String instrument, HermesPrice price, long receiveTimeNanos) {
            prices.add(instrument + "=" + price.price().stripTrailingZeros().toPlainString());
            publishTimes.add(price.publishTimeMs());
        }

        @Override
        public void onMalformed(String reason) {
            malformed.add(reason);
        }

        @Override
        public void onDisconnected(String reason, Duration retryIn) {
            disconnects.add(reason);
            retries.add(retryIn);
        }
    }

    private static HermesStreamClient client(FakeHermesVenue server, Recorder recorder, String key, Duration idle) {
        return client(server, recorder, key, idle, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static HermesStreamClient client(FakeHermesVenue server, Recorder recorder, String key, Duration idle,
                                             Duration initialBackoff, Duration maxBackoff) {
        HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                Map.of(FakeHermesVenue.BTC_ID, "BTC"), Optional.ofNullable(key), initialBackoff, maxBackoff, idle);
        return new HermesStreamClient(settings, HttpClient.newHttpClient(), recorder);
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static void assertStrictlyIncreasing(List<Long> publishTimes) {
        for (int i = 1; i < publishTimes.size(); i++) {
            assertTrue(publishTimes.get(i) > publishTimes.get(i - 1), "publish times not increasing at " + i + ": " + publishTimes);
        }
    }

    @Test
    void skipsAMalformedEventAndReconnectsWhenTheStreamEnds() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue("k-123", 5, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, "k-123", Duration.ofSeconds(30))) {
                assertTrue(client.streamUri().toString().endsWith(
                        "/v2/updates/price/stream?ids%5B%5D=" + FakeHermesVenue.BTC_ID + "&parsed=true"));
                client.start();
                Await.until("a second connection delivers prices", Duration.ofSeconds(20), () -> server.connections() >= 2 && recorder.prices.size() >= 7);
            }
            // first connection: 60001..60005 with a malformed event after the 3rd, which did not stop the stream;
            // the second goes on from the server's clock (latest then 60006: 60005 again from latest is not news)
            assertEquals(List.of("BTC=60001", "BTC=60002", "BTC=60003", "BTC=60004", "BTC=60005", "BTC=60006"),
                    recorder.prices.subList(0, 6));
            assertTrue(recorder.malformed.get(0).startsWith("not JSON"), recorder.malformed.get(0));
            assertEquals("stream closed by the server", recorder.disconnects.get(0));
            assertTrue(server.authorizations().stream().allMatch("Bearer k-123"::equals));
            assertStrictlyIncreasing(recorder.publishTimes);
        }
    }

    @Test
    void retriesWithBackoffOnAnHttpError() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue("right", 0, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, "wrong", Duration.ofSeconds(30))) {
                client.start();
                Await.until("three refused attempts", Duration.ofSeconds(20), () -> recorder.disconnects.size() >= 3);
                assertEquals("HTTP 401", recorder.disconnects.get(0));
                assertTrue(recorder.prices.isEmpty());
                assertTrue(!client.isConnected());
            }
        }
    }

    @Test
    void reconnectsWhenTheStreamGoesSilent() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, true)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofMillis(300))) {
                client.start();
                Await.until("a reconnect after the idle timeout", Duration.ofSeconds(20), () -> server.connections() >= 2);
                assertTrue(server.authorizations().stream().allMatch("null"::equals), "no key, no header");
            }
        }
    }

    @Test
    void pricesAreExactDecimals() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            List<BigDecimal> prices = new CopyOnWriteArrayList<>();
            HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                    Map.of(FakeHermesVenue.ETH_ID, "ETH"), Optional.empty(), Duration.ofMillis(50),
                    Duration.ofMillis(200), Duration.ofSeconds(30));
            try (HermesStreamClient client = new HermesStreamClient(settings, HttpClient.newHttpClient(),
                    (instrument, price, nanos) -> prices.add(price.price()))) {
                client.start();
                Await.until("a price", Duration.ofSeconds(20), () -> !prices.isEmpty());
            }
            assertEquals(new BigDecimal("3001.00000000"), prices.get(0));
        }
    }

    @Test
    void normalFlowReadsLatestThenStreamsAndCounts() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                assertTrue(client.latestUri().toString().endsWith(
                        "/v2/updates/price/latest?ids%5B%5D=" + FakeHermesVenue.BTC_ID + "&parsed=true"));
                client.start();
                Await.until("five prices", WAIT, () -> recorder.prices.size() >= 5 && client.malformedCount() >= 1);
                assertTrue(client.isConnected());
                assertEquals(1, server.latestRequests());
                assertEquals(1, client.latestReadCount());
                assertTrue(client.updatesCount() >= 5);
                assertEquals(client.updatesCount(), (long) client.updatesByInstrument().get("BTC"));
                assertTrue(client.lastReceiveTimeNanos("BTC").orElseThrow() > 0);
                assertTrue(client.lastPublishTimeMs().get("BTC") >= 1714746101000L);
                assertEquals(0, client.reconnectCount());
                assertEquals(0, client.rateLimitedCount());
                assertEquals(1, server.connections());
            }
            assertStrictlyIncreasing(recorder.publishTimes);
            assertTrue(recorder.prices.contains("BTC=60004"), "the stream went on after the malformed line: " + recorder.prices);
        }
    }

    @Test
    void aMalformedLineIsSkippedCountedAndTheStreamGoesOn() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("prices after the malformed line", WAIT, () -> recorder.prices.contains("BTC=60005"));
                assertEquals(1, client.malformedCount());
                assertEquals(1, recorder.malformed.size());
                assertTrue(recorder.malformed.get(0).startsWith("not JSON"), recorder.malformed.get(0));
                assertEquals(1, server.connections(), "no reconnect for a malformed line");
                assertTrue(recorder.disconnects.isEmpty());
            }
        }
    }

    @Test
    void anUnknownFeedIdIsSkippedAndCountedAndTheStreamGoesOn() throws Exception {
        String sol = "ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d";
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).unknownFeedInEvent(2, sol).malformedAfterThird(false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("prices after the unknown feed", WAIT, () -> recorder.prices.contains("BTC=60004"));
                assertEquals(1, client.unknownFeedCount());
                assertEquals(1, client.malformedCount());
                assertEquals(List.of("unknown feed id " + sol + " (not subscribed)"), recorder.malformed);
                assertTrue(recorder.prices.contains("BTC=60002"), "the known feed of the same event is delivered");
                assertTrue(recorder.prices.stream().allMatch(p -> p.startsWith("BTC=")));
                assertEquals(1, server.connections());
            }
        }
    }

    @Test
    void aDroppedConnectionReconnectsAndLatestFillsTheGapWithoutOldOrDuplicatePrices() throws Exception {
        // first connection: 60001..60004, then cut in the middle of an event; the market moves 3 ticks meanwhile
        // (60005..60007); the next connection first replays 60006 and 60007 (old news), then 60008, ...
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).dropFirstConnectionAfter(4).gapOnClose(3)
                .replayOnConnect(2).holdStreamUntilLatest(true)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("prices from the second connection", WAIT, () -> recorder.prices.contains("BTC=60009"));
                assertEquals(2, server.connections());
                assertEquals(2, server.latestRequests());
                assertEquals(1, client.reconnectCount());
                assertEquals(0, client.cleanCloseCount(), "a cut is not a clean end");
                assertTrue(recorder.retries.get(0).toMillis() > 0, "a cut reconnects with back-off");
                assertTrue(client.staleDroppedCount() >= 2, "the replayed 60006 and 60007 were dropped");
                assertEquals(1, client.malformedCount(), "only the malformed line, not the cut event");
            }
            // latest of the first connection (tick 0: 60000, nothing yet) ..., the gap filled by latest at 60007
            List<String> prices = recorder.prices;
            int cut = prices.indexOf("BTC=60004");
            assertTrue(cut >= 0, prices.toString());
            assertEquals(List.of("BTC=60004", "BTC=60007", "BTC=60008", "BTC=60009"), prices.subList(cut, cut + 4));
            assertEquals(prices.size(), prices.stream().distinct().count(), "no duplicate: " + prices);
            assertStrictlyIncreasing(recorder.publishTimes);
        }
    }

    @Test
    void a429OnTheStreamWaitsRetryAfterThenRecovers() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).rateLimitStream(1, "1")) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("prices after the 429", WAIT, () -> recorder.prices.size() >= 3);
                assertEquals(1, client.rateLimitedCount());
                assertEquals("HTTP 429", recorder.disconnects.get(0));
                assertEquals(Duration.ofSeconds(1), recorder.retries.get(0));
                List<Long> attempts = server.streamRequestNanos();
                assertEquals(2, attempts.size(), "one retry, no hammering");
                assertTrue(attempts.get(1) - attempts.get(0) >= Duration.ofMillis(900).toNanos(), "waited Retry-After");
                assertEquals(1, server.latestRequests(), "no latest read before the stream is accepted");
            }
        }
    }

    @Test
    void a429WithoutRetryAfterWaitsAtLeastOneSecond() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).rateLimitStream(2, null)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("prices after the 429s", WAIT, () -> !recorder.prices.isEmpty());
                assertEquals(2, client.rateLimitedCount());
                assertTrue(recorder.retries.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(1)) >= 0), recorder.retries.toString());
                List<Long> attempts = server.streamRequestNanos();
                assertEquals(3, attempts.size());
                assertTrue(attempts.get(2) - attempts.get(0) >= Duration.ofMillis(1800).toNanos());
            }
        }
    }

    @Test
    void a429OnLatestKeepsTheStreamAndRetriesLatestAfterRetryAfter() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).rateLimitLatest(1, "1")) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("latest read again", WAIT, () -> server.latestRequests() >= 2 && client.latestFailureCount() == 1
                        && client.latestReadCount() == 2);
                List<Long> reads = server.latestRequestNanos();
                assertTrue(reads.get(1) - reads.get(0) >= Duration.ofMillis(900).toNanos(), "waited Retry-After");
                assertEquals(1, client.rateLimitedCount());
                assertEquals(1, server.connections(), "the stream went on");
                assertTrue(recorder.disconnects.isEmpty());
                Thread.sleep(300);
                assertEquals(2, server.latestRequests(), "latest is not polled once it succeeded");
            }
            assertStrictlyIncreasing(recorder.publishTimes);
        }
    }

    @Test
    void aCleanEndOfStreamReconnectsAtOnceWithoutBackoff() throws Exception {
        // the back-off is 30 s: a reconnect within the wait below can only be the immediate one
        try (FakeHermesVenue server = new FakeHermesVenue(null, 5, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                client.start();
                Await.until("the second connection", Duration.ofSeconds(10), () -> server.connections() >= 2
                        && recorder.prices.contains("BTC=60006"));
                assertEquals(List.of("stream closed by the server"), recorder.disconnects);
                assertEquals(List.of(Duration.ZERO), recorder.retries);
                assertEquals(1, client.cleanCloseCount());
                assertEquals(1, client.reconnectCount());
                assertEquals(2, server.latestRequests(), "latest on every (re)connect");
                assertTrue(recorder.malformed.stream().allMatch(m -> m.startsWith("not JSON")), recorder.malformed.toString());
            }
            assertStrictlyIncreasing(recorder.publishTimes);
        }
    }

    @Test
    void aServerThatKeepsClosingGetsBackoffAfterTheFirstImmediateReconnect() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 1, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofSeconds(30))) {
                client.start();
                Await.until("three clean ends", WAIT, () -> recorder.retries.size() >= 3);
                assertEquals(Duration.ZERO, recorder.retries.get(0));
                assertTrue(recorder.retries.subList(1, 3).stream().allMatch(d -> d.toMillis() > 0), recorder.retries.toString());
            }
        }
    }

    @Test
    void theApiKeyIsSentAsAHeaderOnStreamAndLatestAndNeverInAMessage() throws Exception {
        String key = "s3cr3t-key-42";
        try (FakeHermesVenue server = new FakeHermesVenue(key, 5, false)) {
            Recorder recorder = new Recorder();
            HermesStreamClient.Settings settings;
            try (HermesStreamClient client = client(server, recorder, key, Duration.ofSeconds(30))) {
                settings = client.settings();
                client.start();
                Await.until("a reconnect", WAIT, () -> server.connections() >= 2 && server.latestRequests() >= 2);
                assertTrue(client.streamUri().toString().indexOf(key) < 0);
                assertTrue(client.latestUri().toString().indexOf(key) < 0);
                assertEquals("no *** here", client.redact("no *** here"));
                assertEquals("echo ***", client.redact("echo " + key));
            }
            assertTrue(server.authorizations().size() >= 4);
            assertTrue(server.authorizations().stream().allMatch(("Bearer " + key)::equals), server.authorizations().toString());
            assertTrue(settings.toString().indexOf(key) < 0, settings.toString());
            List<String> messages = new java.util.ArrayList<>();
            messages.addAll(recorder.malformed);
            messages.addAll(recorder.disconnects);
            assertTrue(messages.stream().noneMatch(m -> m.contains(key)), messages.toString());
        }
        // a wrong key: refused, and the reason does not echo it
        try (FakeHermesVenue server = new FakeHermesVenue("right", 0, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, key, Duration.ofSeconds(30))) {
                client.start();
                Await.until("a refusal", WAIT, () -> !recorder.disconnects.isEmpty());
                assertTrue(recorder.disconnects.stream().noneMatch(m -> m.contains(key)));
            }
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), HermesStreamClient.retryAfter(" 7 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), HermesStreamClient.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), HermesStreamClient.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), HermesStreamClient.retryAfter(null, now));
        assertEquals(Optional.empty(), HermesStreamClient.retryAfter("soon", now));
        assertEquals(Optional.empty(), HermesStreamClient.retryAfter("-3", now));
    }

    @Test
    void settingsRejectNonsenseAndKeepTheOldConstructor() {
        URI uri = URI.create("http://127.0.0.1:1");
        Map<String, String> feeds = Map.of("0x" + FakeHermesVenue.BTC_ID.toUpperCase(), "BTC");
        HermesStreamClient.Settings s = new HermesStreamClient.Settings(uri, feeds, Optional.of(" "), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertEquals(Map.of(FakeHermesVenue.BTC_ID, "BTC"), s.instrumentByFeedId());
        assertTrue(s.apiKey().isEmpty(), "a blank key is no key");
        assertTrue(s.readLatest());
        assertEquals(Duration.ofSeconds(1), s.minRateLimitWait());
        assertEquals(Duration.ofSeconds(10), s.requestTimeout());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new HermesStreamClient.Settings(uri,
                feeds, Optional.empty(), Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofSeconds(60), true, Duration.ofSeconds(60), 1 << 20));
    }

    @Test
    void hermesSourceReportsSourcePricesToASink() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            List<io.mmplatform.pricefeed.domain.SourcePrice> prices = new CopyOnWriteArrayList<>();
            List<String> malformed = new CopyOnWriteArrayList<>();
            List<String> connected = new CopyOnWriteArrayList<>();
            io.mmplatform.pricefeed.domain.SourceSink sink = new io.mmplatform.pricefeed.domain.SourceSink() {
                @Override
                public void onPrice(io.mmplatform.pricefeed.domain.SourcePrice price) {
                    prices.add(price);
                }

                @Override
                public void onMalformed(String source, String reason) {
                    malformed.add(source + ": " + reason);
                }

                @Override
                public void onConnected(String source) {
                    connected.add(source);
                }
            };
            HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                    Map.of(FakeHermesVenue.ETH_ID, "ETH"), Optional.empty(), Duration.ofMillis(50),
                    Duration.ofMillis(200), Duration.ofSeconds(30));
            try (HermesSource source = new HermesSource("pyth-test", settings, HttpClient.newHttpClient(), sink)) {
                source.start();
                Await.until("prices and the malformed line", WAIT, () -> prices.size() >= 4 && !malformed.isEmpty());
                assertTrue(source.isConnected());
                assertTrue(source.client().updatesCount() >= 4);
            }
            io.mmplatform.pricefeed.domain.SourcePrice first = prices.stream()
                    .filter(p -> p.price().compareTo(new BigDecimal("3001")) == 0).findFirst().orElseThrow();
            assertEquals("pyth-test", first.source());
            assertEquals("ETH", first.instrument());
            assertEquals(new BigDecimal("3001.00000000"), first.price());
            assertEquals(0, first.confidence().compareTo(new BigDecimal("0.015")));
            assertEquals((1714746100L + 1) * 1000L, first.sourceTimeMs());
            assertTrue(first.receiveTimeNanos() > first.sourceTimeMs() * 1_000_000L);
            assertTrue(malformed.get(0).startsWith("pyth-test: not JSON"), malformed.toString());
            assertEquals(List.of("pyth-test"), connected);
            assertEquals("pyth", new HermesSource(settings, HttpClient.newHttpClient(), sink).source());
        }
    }

    @Test
    void theRequestTimeoutOnlyBoundsTheResponseHeadersNotALongStream() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            Recorder recorder = new Recorder();
            HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                    Map.of(FakeHermesVenue.BTC_ID, "BTC"), Optional.empty(), Duration.ofMillis(50), Duration.ofMillis(200),
                    Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60), true,
                    Duration.ofSeconds(60), 1 << 20);
            try (HermesStreamClient client = new HermesStreamClient(settings, HttpClient.newHttpClient(), recorder)) {
                client.start();
                Await.until("prices for well past the request timeout", WAIT, () -> recorder.prices.size() >= 30);
                assertEquals(1, server.connections(), recorder.disconnects.toString());
                assertTrue(recorder.disconnects.isEmpty(), recorder.disconnects.toString());
            }
        }
    }

    @Test
    void anOversizedEventIsSkippedAndCountedAndTheStreamGoesOn() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false).malformedAfterThird(false).oversizedAfter(2, 50_000)) {
            Recorder recorder = new Recorder();
            HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                    Map.of(FakeHermesVenue.BTC_ID, "BTC"), Optional.empty(), Duration.ofMillis(50), Duration.ofMillis(200),
                    Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60), true,
                    Duration.ofSeconds(60), 4096);
            try (HermesStreamClient client = new HermesStreamClient(settings, HttpClient.newHttpClient(), recorder)) {
                client.start();
                Await.until("prices after the oversized event", WAIT, () -> recorder.prices.contains("BTC=60004"));
                assertEquals(List.of("event over 4096 chars: skipped"), recorder.malformed);
                assertEquals(1, server.connections());
            }
        }
    }

    @Test
    void theLineReaderSplitsOnAnyTerminatorAndBoundsLines() throws Exception {
        HermesLineReader r = new HermesLineReader(new java.io.StringReader("a\r\nb\rc\n\n" + "x".repeat(20) + "\nd\nlast"), 10);
        assertEquals("a", r.readLine());
        assertEquals("b", r.readLine());
        assertEquals("c", r.readLine());
        assertEquals("", r.readLine());
        assertTrue(r.readLine() == HermesLineReader.TOO_LONG);
        assertEquals("d", r.readLine());
        assertEquals("last", r.readLine());
        assertEquals(null, r.readLine());
        // a line across many buffer fills
        String big = "y".repeat(20_000);
        HermesLineReader r2 = new HermesLineReader(new java.io.StringReader(big + "\r\n\r\nz"), 30_000);
        assertEquals(big, r2.readLine());
        assertEquals("", r2.readLine());
        assertEquals("z", r2.readLine());
        assertEquals(null, r2.readLine());
    }
}
