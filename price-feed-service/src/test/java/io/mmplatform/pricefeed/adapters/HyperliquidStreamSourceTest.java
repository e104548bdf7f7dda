package io.mmplatform.pricefeed.adapters;

import io.mmplatform.common.codec.Json;
import io.mmplatform.pricefeed.domain.L2BookParser;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;
import io.mmplatform.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hyperliquid source against a local WebSocket + REST venue: no network. */
class HyperliquidStreamSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SUB_ALL_MIDS = "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}";
    private static final String SUB_BTC = "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}";
    private static final String SUB_ETH = "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"ETH\"}}";

    private static final class Recorder implements SourceSink, HyperliquidStreamSource.BookListener {
        final List<SourcePrice> prices = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<L2BookParser.L2Book> books = new CopyOnWriteArrayList<>();
        final List<String> bookInstruments = new CopyOnWriteArrayList<>();
        volatile int connected;

        @Override
        public void onPrice(SourcePrice price) {
            prices.add(price);
        }

        @Override
        public void onMalformed(String source, String reason) {
            assertEquals("hyperliquid", source);
            malformed.add(reason);
        }

        @Override
        public void onDisconnected(String source, String reason, Duration retryIn) {
            disconnects.add(reason);
        }

        @Override
        public void onConnected(String source) {
            connected++;
        }

        @Override
        public void onBook(String instrument, L2BookParser.L2Book book, long receiveTimeNanos) {
            bookInstruments.add(instrument);
            books.add(book);
        }

        boolean has(String instrument, String price) {
            return prices.stream().anyMatch(p -> p.instrument().equals(instrument) && p.price().equals(new BigDecimal(price)));
        }
    }

    private static HyperliquidStreamSource.Settings settings(HyperliquidFakeVenue venue, Duration idle, Duration ping,
                                                             Duration fallback) {
        return new HyperliquidStreamSource.Settings(venue.wsUrl(), venue.restUrl(), List.of("BTC", "ETH"),
                Map.of("BTC", "BTC-PERP"), idle, ping, Duration.ofMillis(50), Duration.ofMillis(200), fallback);
    }

    /** The first connection from index {@code from} on that subscribed to everything (an earlier one may have been given up). */
    private static HyperliquidFakeVenue.Client awaitSubscribed(HyperliquidFakeVenue venue, int from) {
        HyperliquidFakeVenue.Client[] found = new HyperliquidFakeVenue.Client[1];
        Await.until("a connection #" + from + " or later, subscribed", WAIT, () -> {
            for (int i = from; i < venue.connections(); i++) {
                HyperliquidFakeVenue.Client c = venue.client(i);
                if (c.subscriptions().containsAll(List.of(SUB_ALL_MIDS, SUB_BTC, SUB_ETH))) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String allMids(String btc) {
        return "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"" + btc + "\",\"ETH\":\"1850.25\",\"@107\":\"x\"}}}";
    }

    @Test
    void reportsExactMidsFromAllMidsAndL2BookAndStaysUpOnPongs() throws Exception {
        try (HyperliquidFakeVenue venue = new HyperliquidFakeVenue()) {
            Recorder recorder = new Recorder();
            try (HyperliquidStreamSource source = new HyperliquidStreamSource(
                    settings(venue, Duration.ofMillis(800), Duration.ofMillis(150), Duration.ZERO),
                    HttpClient.newHttpClient(), recorder, recorder)) {
                source.start();
                HyperliquidFakeVenue.Client client = awaitSubscribed(venue, 0);
                assertEquals(List.of(SUB_ALL_MIDS, SUB_BTC, SUB_ETH), client.subscriptions());

                venue.broadcast(allMids("30135.0"));
                Await.until("allMids prices", WAIT, () -> recorder.prices.size() >= 2);
                SourcePrice btc = recorder.prices.get(0);
                assertEquals("hyperliquid", btc.source());
                assertEquals("BTC-PERP", btc.instrument()); // mapped
                assertEquals(new BigDecimal("30135.0"), btc.price()); // exact, scale kept
                assertNull(btc.confidence());
                assertEquals(btc.receiveTimeNanos() / 1_000_000L, btc.sourceTimeMs()); // allMids has no time
                assertEquals("ETH", recorder.prices.get(1).instrument()); // identity by default
                assertEquals(new BigDecimal("1850.25"), recorder.prices.get(1).price());
                assertTrue(source.isStreaming());

                venue.broadcast("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":1714746101123,\"levels\":["
                        + "[{\"px\":\"30134.5\",\"sz\":\"1.2\",\"n\":3},{\"px\":\"30134\",\"sz\":\"4\",\"n\":1}],"
                        + "[{\"px\":\"30135.6\",\"sz\":\"0.5\",\"n\":2}]]}}");
                Await.until("the l2Book price", WAIT, () -> recorder.prices.size() >= 3);
                SourcePrice fromBook = recorder.prices.get(2);
                assertEquals("BTC-PERP", fromBook.instrument());
                assertEquals(new BigDecimal("30135.05"), fromBook.price());
                assertEquals(1714746101123L, fromBook.sourceTimeMs());
                assertEquals(List.of("BTC-PERP"), recorder.bookInstruments);
                assertEquals(2, recorder.books.get(0).bids().size());
                assertEquals(new BigDecimal("0.5"), recorder.books.get(0).asks().get(0).size());

                // no data for longer than the idle timeout: pings and pongs keep the connection
                int disconnects = recorder.disconnects.size(); // 0, unless a cold-JVM first handshake was given up
                int connections = venue.connections();
                Await.until("a dozen pings", WAIT, () -> client.pings() >= 12);
                assertTrue(client.received.contains("{\"method\":\"ping\"}"));
                assertEquals(disconnects, recorder.disconnects.size());
                assertEquals(connections, venue.connections());
                assertTrue(!client.ws.isClosed());
                assertEquals(0, source.malformedCount());
            }
        }
    }

    @Test
    void skipsMalformedMessagesAndGoesOn() throws Exception {
        try (HyperliquidFakeVenue venue = new HyperliquidFakeVenue()) {
            Recorder recorder = new Recorder();
            try (HyperliquidStreamSource source = new HyperliquidStreamSource(
                    settings(venue, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO),
                    HttpClient.newHttpClient(), recorder)) {
                source.start();
                awaitSubscribed(venue, 0);
                venue.broadcast("not json");
                venue.broadcast("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"abc\"}}}");
                venue.broadcast("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[]]}}");
                venue.broadcast("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"ETH\",\"time\":1,\"levels\":"
                        + "[[{\"px\":\"1851\",\"sz\":\"1\",\"n\":1}],[{\"px\":\"1850\",\"sz\":\"1\",\"n\":1}]]}}"); // crossed
                venue.broadcast("{\"channel\":\"error\",\"data\":\"Invalid subscription\"}"); // the venue's, not malformed
                venue.broadcast(allMids("30140.5"));
                Await.until("the good price after the bad ones", WAIT, () -> recorder.has("BTC-PERP", "30140.5"));
                assertEquals(4, source.malformedCount());
                assertEquals(4, recorder.malformed.size());
                assertTrue(recorder.malformed.get(0).contains("not JSON"), recorder.malformed.get(0));
                assertTrue(recorder.malformed.get(1).contains("'abc' is not a decimal"), recorder.malformed.get(1));
                assertTrue(recorder.malformed.get(3).contains("not below best ask"), recorder.malformed.get(3));
                assertEquals(1, source.venueErrorCount());
                assertEquals(2, recorder.prices.size()); // BTC and ETH of the good message only
                assertEquals(List.of(), recorder.disconnects);
                assertEquals(1, venue.connections());
            }
        }
    }

    @Test
    void reconnectsAndResubscribesWhenTheVenueDropsTheConnection() throws Exception {
        try (HyperliquidFakeVenue venue = new HyperliquidFakeVenue()) {
            Recorder recorder = new Recorder();
            try (HyperliquidStreamSource source = new HyperliquidStreamSource(
                    settings(venue, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO),
                    HttpClient.newHttpClient(), recorder)) {
                source.start();
                awaitSubscribed(venue, 0);
                venue.broadcast(allMids("30135.0"));
                Await.until("a first price", WAIT, () -> recorder.has("BTC-PERP", "30135.0"));

                venue.dropAll();
                awaitSubscribed(venue, 1);
                venue.broadcast(allMids("30150.0"));
                Await.until("prices resume on the new connection", WAIT, () -> recorder.has("BTC-PERP", "30150.0"));
                assertEquals(1, recorder.disconnects.size());
                assertTrue(recorder.disconnects.get(0).startsWith("closed by the venue (1001"), recorder.disconnects.get(0));
                assertEquals(2, source.connectionsOpened());
                assertEquals(2, recorder.connected);
                assertEquals(List.of(SUB_ALL_MIDS, SUB_BTC, SUB_ETH), venue.client(1).subscriptions());
            }
        }
    }

    @Test
    void pollsRestAllMidsWhileTheStreamIsDownAndStopsWhenItDelivers() throws Exception {
        try (HyperliquidFakeVenue venue = new HyperliquidFakeVenue()) {
            try (InputStream in = getClass().getResourceAsStream("/vectors/hyperliquid-info.json")) {
                venue.restAllMids = Json.MAPPER.readTree(in).get("allMids").get("recorded").toString(); // {"BTC":"30135.0"}
            }
            venue.acceptWebSockets = false;
            Recorder recorder = new Recorder();
            try (HyperliquidStreamSource source = new HyperliquidStreamSource(
                    settings(venue, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100)),
                    HttpClient.newHttpClient(), recorder)) {
                source.start();
                Await.until("the recorded REST mid", WAIT, () -> recorder.has("BTC-PERP", "30135.0"));
                Await.until("refused connections", WAIT, () -> recorder.disconnects.size() >= 2);
                assertTrue(recorder.disconnects.get(0).startsWith("connect failed"), recorder.disconnects.get(0));
                assertEquals("{\"type\":\"allMids\"}", venue.infoBodies.get(0));
                assertTrue(!source.isStreaming());

                venue.acceptWebSockets = true;
                awaitSubscribed(venue, 0);
                venue.broadcast(allMids("30200.5"));
                Await.until("the stream's price", WAIT, () -> recorder.has("BTC-PERP", "30200.5"));
                assertTrue(source.isStreaming());
                long polls = source.fallbackPollCount();
                int bodies = venue.infoBodies.size();
                Thread.sleep(600); // six poll intervals
                assertEquals(polls, source.fallbackPollCount(), "no REST polls while the stream delivers");
                assertTrue(venue.infoBodies.size() <= bodies + 1); // at most the one under way when it came back
                int pricesBefore = recorder.prices.size();

                // the stream is lost again: the fallback takes over again
                venue.acceptWebSockets = false;
                venue.restAllMids = "{\"BTC\":\"30210.0\",\"ETH\":\"1851\"}";
                venue.dropAll();
                Await.until("REST prices again", WAIT, () -> recorder.has("BTC-PERP", "30210.0") && recorder.has("ETH", "1851"));
                assertTrue(source.fallbackPollCount() > polls);
                assertTrue(recorder.prices.size() > pricesBefore);
                assertTrue(!source.isStreaming());
            }
        }
    }

    @Test
    void detectsASilentConnectionAndReconnects() throws Exception {
        try (HyperliquidFakeVenue venue = new HyperliquidFakeVenue()) {
            venue.answerPings = false; // accepts and subscribes, then says nothing at all
            Recorder recorder = new Recorder();
            try (HyperliquidStreamSource source = new HyperliquidStreamSource(
                    settings(venue, Duration.ofMillis(500), Duration.ofMillis(150), Duration.ZERO),
                    HttpClient.newHttpClient(), recorder)) {
                source.start();
                HyperliquidFakeVenue.Client silent = awaitSubscribed(venue, 0);
                // subscriptionResponse counts as traffic; after it, only unanswered pings
                Await.until("a silent-connection disconnect", WAIT, () -> recorder.disconnects.stream()
                        .anyMatch(r -> r.startsWith("silent for more than 500 ms")));
                Await.until("the silent connection closed", WAIT, () -> silent.ws.isClosed());
                assertTrue(silent.pings() >= 1);
                assertTrue(!source.isStreaming());

                venue.answerPings = true;
                awaitSubscribed(venue, venue.clients.indexOf(silent) + 1);
                Await.until("prices on a new connection", WAIT, () -> {
                    venue.broadcast(allMids("30135.0"));
                    return recorder.has("BTC-PERP", "30135.0");
                });
                assertTrue(source.isStreaming());
                assertTrue(source.connectionsOpened() >= 2);
            }
        }
    }
}
