package io.mmplatform.pricefeed.adapters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.domain.InjectiveMarket;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;
import io.mmplatform.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Injective source against a local HTTP server answering like an LCD node (recorded answer shapes). */
class InjectiveSourceTest {

    static final String SPOT_ID = "0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0";
    static final String PERP_ID = "0x9b9980167ecc3645ff1a5517886652d94a0825e54a77d2057cbbe3ebee015963";
    static final InjectiveMarket SPOT = InjectiveMarket.of("INJ", SPOT_ID, "spot", 18, 6, "v1beta1");
    static final InjectiveMarket PERP = InjectiveMarket.of("INJ-PERP", PERP_ID, "derivative", 18, 6, "v1beta1");
    static final String SPOT_MID = SPOT.midPriceAndTobPath();
    static final String PERP_MID = PERP.midPriceAndTobPath();
    static final String SPOT_BOOK = "/injective/exchange/v1beta1/spot/orderbook/" + SPOT_ID;
    static final String PERP_BOOK = "/injective/exchange/v1beta1/derivative/orderbook/" + PERP_ID;

    static String resource(String name) {
        try (InputStream in = InjectiveSourceTest.class.getResourceAsStream("/injective/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A local LCD: per path a queue of scripted answers, then a default answer; logs every request. */
    static final class FakeLcd implements AutoCloseable {
        record Answer(int status, String body, Map<String, String> headers) {
            static Answer ok(String body) {
                return new Answer(200, body, Map.of());
            }
        }

        record Request(String pathAndQuery, long nanos) {
        }

        final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
        final Map<String, Answer> defaults = new ConcurrentHashMap<>();
        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final int port;
        private volatile HttpServer server;

        FakeLcd() throws IOException {
            server = bind(0);
            port = server.getAddress().getPort();
            answer(SPOT_MID, Answer.ok(resource("spot-mid-price-and-tob-v1beta1.json")));
            answer(PERP_MID, Answer.ok(resource("derivative-mid-price-and-tob-v1beta1.json")));
            answer(SPOT_BOOK, Answer.ok(resource("spot-orderbook-v1beta1.json")));
            answer(PERP_BOOK, Answer.ok(resource("derivative-orderbook-v1beta1.json")));
        }

        private HttpServer bind(int onPort) throws IOException {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            s.createContext("/", this::handle);
            s.start();
            return s;
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }

        void answer(String path, Answer answer) {
            defaults.put(path, answer);
        }

        void script(String path, Answer... answers) {
            scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        }

        long count(String path) {
            return requests.stream().filter(r -> r.pathAndQuery().startsWith(path)).count();
        }

        /** The server goes away: connections are refused. */
        void stop() {
            server.stop(0);
        }

        /** The server comes back on the same port. */
        void restart() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    server = bind(port);
                    return;
                } catch (BindException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(path + (query == null ? "" : "?" + query), System.nanoTime()));
            Deque<Answer> queue = scripted.get(path);
            Answer answer = null;
            if (queue != null) {
                synchronized (queue) {
                    answer = queue.poll();
                }
            }
            if (answer == null) {
                answer = defaults.getOrDefault(path, new Answer(501, "{\"code\":12,\"message\":\"Not Implemented\"}", Map.of()));
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static final class Recorder implements SourceSink, InjectiveSource.DepthListener {
        record Disconnect(String source, String reason, Duration retryIn) {
        }

        final List<SourcePrice> prices = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();
        final List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
        final List<VenueBook> books = new CopyOnWriteArrayList<>();
        final AtomicInteger connected = new AtomicInteger();

        @Override
        public void onPrice(SourcePrice price) {
            prices.add(price);
        }

        @Override
        public void onMalformed(String source, String reason) {
            assertEquals("injective", source);
            malformed.add(reason);
        }

        @Override
        public void onDisconnected(String source, String reason, Duration retryIn) {
            disconnects.add(new Disconnect(source, reason, retryIn));
        }

        @Override
        public void onConnected(String source) {
            connected.incrementAndGet();
        }

        @Override
        public void onDepth(VenueBook book) {
            books.add(book);
        }

        List<SourcePrice> of(String instrument) {
            return prices.stream().filter(p -> p.instrument().equals(instrument)).collect(Collectors.toList());
        }

        List<VenueBook> booksOf(String market) {
            return books.stream().filter(b -> b.market().equals(market)).collect(Collectors.toList());
        }
    }

    private FakeLcd lcd;
    private InjectiveSource source;
    private final Recorder recorder = new Recorder();

    @AfterEach
    void tearDown() {
        if (source != null) {
            source.close();
        }
        if (lcd != null) {
            lcd.close();
        }
    }

    private InjectiveSource start(List<InjectiveMarket> markets, boolean depth, Duration interval, Duration maxBackoff) {
        InjectiveSource.Settings settings = new InjectiveSource.Settings(lcd.baseUrl(), markets, interval,
                Duration.ofSeconds(2), depth, 10, maxBackoff);
        source = new InjectiveSource(settings, HttpClient.newHttpClient(), recorder, depth ? recorder : null);
        source.start();
        return source;
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void reportsExactMidsAndDepthOfTheSeedMarkets() throws Exception {
        lcd = new FakeLcd();
        long before = InjectiveSource.epochNanos();
        start(List.of(SPOT, PERP), true, Duration.ofMillis(50), Duration.ofSeconds(1));
        Await.until("two polls of both markets", Duration.ofSeconds(10), () -> recorder.of("INJ").size() >= 2
                && recorder.of("INJ-PERP").size() >= 2 && recorder.booksOf("INJ").size() >= 2 && recorder.booksOf("INJ-PERP").size() >= 2);
        long after = InjectiveSource.epochNanos();

        SourcePrice spot = recorder.of("INJ").get(0);
        assertEquals("injective", spot.source());
        assertEquals(d("25.1235"), spot.price()); // equals: value and scale, no float noise
        assertNull(spot.confidence());
        assertTrue(spot.receiveTimeNanos() >= before && spot.receiveTimeNanos() <= after);
        assertEquals(spot.receiveTimeNanos() / 1_000_000L, spot.sourceTimeMs());
        SourcePrice perp = recorder.of("INJ-PERP").get(0);
        assertEquals(d("25.13"), perp.price());
        assertEquals("25.13", perp.price().toPlainString());

        VenueBook spotBook = recorder.booksOf("INJ").get(0);
        assertEquals("injective", spotBook.venue());
        assertEquals("injective/INJ", spotBook.key());
        assertEquals(List.of(new PriceLevel(d("25.123"), d("12.5"), 0), new PriceLevel(d("25.122"), d("3"), 0)), spotBook.bids());
        assertEquals(List.of(new PriceLevel(d("25.124"), d("0.75"), 0)), spotBook.asks());
        assertEquals(spotBook.seq() + 1, recorder.booksOf("INJ").get(1).seq());
        VenueBook perpBook = recorder.booksOf("INJ-PERP").get(0);
        assertEquals(List.of(new PriceLevel(d("25.12"), d("4"), 0), new PriceLevel(d("25.11"), d("1.5"), 0)), perpBook.bids());
        assertEquals(List.of(new PriceLevel(d("25.14"), d("2"), 0)), perpBook.asks());

        assertTrue(lcd.requests.stream().anyMatch(r -> r.pathAndQuery().equals(SPOT_BOOK + "?limit=10")), lcd.requests.toString());
        assertTrue(recorder.malformed.isEmpty() && recorder.disconnects.isEmpty());
        assertEquals(0, source.errorCount() + source.malformedCount() + source.noMidCount());
    }

    @Test
    void readsExchangeV2AnswersAsHumanPrices() throws Exception {
        lcd = new FakeLcd();
        InjectiveMarket v2 = SPOT.withApiVersion(InjectiveMarket.ApiVersion.V2);
        lcd.answer("/injective/exchange/v2/spot/mid_price_and_tob/" + SPOT_ID,
                FakeLcd.Answer.ok(resource("spot-mid-price-and-tob-v2.json")));
        start(List.of(v2), false, Duration.ofMillis(50), Duration.ofSeconds(1));
        Await.until("a v2 price", Duration.ofSeconds(10), () -> !recorder.prices.isEmpty());
        assertEquals(d("25.1235"), recorder.prices.get(0).price());
    }

    @Test
    void skipsAndCountsMalformedAnswersAndGoesOnPolling() throws Exception {
        lcd = new FakeLcd();
        lcd.script(SPOT_MID, FakeLcd.Answer.ok("{\"mid_price\": \"0.0000000000251"), FakeLcd.Answer.ok("{\"mid_price\":\"twenty\"}"));
        start(List.of(SPOT), false, Duration.ofMillis(50), Duration.ofSeconds(1));
        Await.until("a good price after two malformed answers", Duration.ofSeconds(10), () -> recorder.prices.size() >= 2);
        assertEquals(2, source.malformedCount());
        assertEquals(List.of("INJ mid_price_and_tob: mid_price_and_tob answer is not JSON",
                "INJ mid_price_and_tob: 'mid_price' = 'twenty' is not a decimal"), recorder.malformed);
        assertEquals(d("25.1235"), recorder.prices.get(0).price());
        assertTrue(recorder.disconnects.isEmpty(), "a malformed answer is not a connection failure");
    }

    @Test
    void anEmptyBookGivesNoPriceUntilBothSidesAreBack() throws Exception {
        lcd = new FakeLcd();
        lcd.answer(SPOT_MID, FakeLcd.Answer.ok(resource("mid-price-and-tob-empty.json")));
        lcd.script(SPOT_MID, FakeLcd.Answer.ok(resource("mid-price-and-tob-one-sided.json")));
        lcd.answer(SPOT_BOOK, FakeLcd.Answer.ok(resource("orderbook-empty.json")));
        start(List.of(SPOT), true, Duration.ofMillis(50), Duration.ofSeconds(1));
        Await.until("several polls of an empty book", Duration.ofSeconds(10), () -> source.noMidCount() >= 3);
        assertTrue(recorder.prices.isEmpty());
        assertTrue(recorder.malformed.isEmpty(), "an empty book is a valid answer");
        VenueBook empty = recorder.booksOf("INJ").get(0);
        assertTrue(empty.bids().isEmpty() && empty.asks().isEmpty());

        lcd.answer(SPOT_MID, FakeLcd.Answer.ok(resource("spot-mid-price-and-tob-v1beta1.json")));
        Await.until("a price once the book has both sides", Duration.ofSeconds(10), () -> !recorder.prices.isEmpty());
        assertEquals(d("25.1235"), recorder.prices.get(0).price());
    }

    @Test
    void pausesEveryMarketForRetryAfterOnHttp429() throws Exception {
        lcd = new FakeLcd();
        lcd.script(SPOT_MID, new FakeLcd.Answer(429, "{\"code\":8,\"message\":\"rate limit exceeded\"}", Map.of("Retry-After", "1")));
        start(List.of(SPOT, PERP), false, Duration.ofMillis(50), Duration.ofMillis(200));
        Await.until("polling goes on after the pause", Duration.ofSeconds(10), () -> recorder.of("INJ").size() >= 2);

        assertEquals(1, source.rateLimitedCount());
        Recorder.Disconnect d = recorder.disconnects.get(0);
        assertEquals("HTTP 429 rate limited", d.reason());
        assertEquals(Duration.ofSeconds(1), d.retryIn());
        assertEquals(0, source.errorCount());
        // the first request was the 429; no request of any market for the Retry-After second
        List<FakeLcd.Request> requests = List.copyOf(lcd.requests);
        assertEquals(SPOT_MID, requests.get(0).pathAndQuery());
        long gapMs = (requests.get(1).nanos() - requests.get(0).nanos()) / 1_000_000L;
        assertTrue(gapMs >= 950, "next request after " + gapMs + " ms");
        assertEquals(SPOT_MID, requests.get(1).pathAndQuery());
    }

    @Test
    void backsOffOn429WithoutRetryAfterAndOnHttpErrors() throws Exception {
        lcd = new FakeLcd();
        lcd.script(SPOT_MID, new FakeLcd.Answer(429, "", Map.of()), new FakeLcd.Answer(503, "unavailable", Map.of()),
                new FakeLcd.Answer(503, "unavailable", Map.of()));
        start(List.of(SPOT), false, Duration.ofMillis(50), Duration.ofSeconds(1));
        Await.until("a price after the errors", Duration.ofSeconds(10), () -> !recorder.prices.isEmpty());
        assertEquals(List.of("HTTP 429 rate limited", "INJ: HTTP 503", "INJ: HTTP 503"),
                recorder.disconnects.stream().map(Recorder.Disconnect::reason).collect(Collectors.toList()));
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(100)),
                recorder.disconnects.stream().map(Recorder.Disconnect::retryIn).collect(Collectors.toList()));
        assertEquals(1, recorder.connected.get());
    }

    @Test
    void survivesTheServerGoingDownAndComingBack() throws Exception {
        lcd = new FakeLcd();
        start(List.of(SPOT, PERP), false, Duration.ofMillis(50), Duration.ofMillis(400));
        Await.until("prices while the server is up", Duration.ofSeconds(10), () -> recorder.of("INJ-PERP").size() >= 2);

        lcd.stop();
        Await.until("failed polls of both markets back off to the maximum", Duration.ofSeconds(15),
                () -> recorder.disconnects.stream().filter(d -> d.reason().startsWith("INJ-PERP: ")).count() >= 5
                        && recorder.disconnects.stream().filter(d -> d.reason().startsWith("INJ: ")).count() >= 5);
        List<Duration> perpDelays = recorder.disconnects.stream().filter(d -> d.reason().startsWith("INJ-PERP: "))
                .map(Recorder.Disconnect::retryIn).collect(Collectors.toList());
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(400)), perpDelays.subList(0, 5));
        assertTrue(recorder.disconnects.get(0).reason().contains("Exception"), recorder.disconnects.get(0).reason());
        assertTrue(source.errorCount() >= 10);

        int pricesWhenDown = recorder.prices.size();
        lcd.restart();
        Await.until("both markets report again", Duration.ofSeconds(15), () -> recorder.connected.get() >= 2
                && recorder.prices.size() >= pricesWhenDown + 4);
        assertEquals(d("25.13"), recorder.of("INJ-PERP").get(recorder.of("INJ-PERP").size() - 1).price());
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-22T03:00:00Z");
        assertEquals(Duration.ofSeconds(3), InjectiveSource.retryAfter("3", now));
        assertEquals(Duration.ofSeconds(30), InjectiveSource.retryAfter("Sun, 22 Nov 2026 03:00:30 GMT", now));
        assertEquals(Duration.ZERO, InjectiveSource.retryAfter("Sun, 22 Nov 2026 02:00:00 GMT", now));
        assertEquals(InjectiveSource.MAX_RETRY_AFTER, InjectiveSource.retryAfter("86400", now));
        assertNull(InjectiveSource.retryAfter("soon", now));
        assertNull(InjectiveSource.retryAfter(null, now));
    }
}
