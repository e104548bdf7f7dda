package io.mmplatform.pricefeed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmplatform.pricefeed.adapters.HyperliquidFakeVenue;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three price sources of {@link MainnetSourcesComponentTest} as local servers speaking their real protocols:
 * <ul>
 *   <li>Pyth Hermes: a {@link FakeHermesVenue} (SSE; BTC = 60000 + n at its n-th tick, one tick every 50 ms; it also
 *       serves the target venue's POST /info l2Book);</li>
 *   <li>Injective mainnet LCD: {@link FakeLcd}, v2 {@code mid_price_and_tob} and {@code orderbook} of one BTC spot
 *       market (the seed INJ / INJ-PERP markets of application.properties are answered with an empty book: valid, no
 *       mid, nothing published);</li>
 *   <li>Hyperliquid mainnet: a {@link HyperliquidFakeVenue} (WebSocket /ws + POST /info) to which a pusher sends
 *       {@code allMids} and {@code l2Book} of BTC every 200 ms while {@link #hyperliquidLive} is set.</li>
 * </ul>
 * Since the Hermes price climbs one dollar per tick, the other two sources follow it: they answer
 * {@code (60000 + current Hermes tick) x factor}, so with factor 1 all three stay within a few bps of each other and a
 * factor of 1.05 puts a source 5 % away. The factors and the Hyperliquid switch are volatile and set by the test.
 */
public class MainnetSourcesResource implements QuarkusTestResourceLifecycleManager {
    /** A made-up spot market id (0x + 64 hex), not a real Injective market. */
    static final String BTC_MARKET_ID = "0x" + "b7c0ffee".repeat(8);
    static final String HERMES_KEY = "mainnet-test-key-not-a-secret";

    static volatile FakeHermesVenue hermes;
    static volatile FakeLcd lcd;
    static volatile HyperliquidFakeVenue hyperliquid;
    /** Injective's BTC mid = Hermes' current BTC price x this. */
    static volatile BigDecimal injectiveFactor = BigDecimal.ONE;
    /** Hyperliquid's BTC mid = Hermes' current BTC price x this. */
    static volatile BigDecimal hyperliquidFactor = BigDecimal.ONE;
    /** false: the Hyperliquid fake goes silent (no pushes, its REST allMids lists no BTC); the WebSocket stays open. */
    static volatile boolean hyperliquidLive = true;

    private ScheduledExecutorService pusher;

    /** What Hermes currently sends for BTC (60000 + tick). */
    static BigDecimal hermesBtc() {
        FakeHermesVenue h = hermes;
        return BigDecimal.valueOf(60000L + (h == null ? 0 : h.tick()));
    }

    static BigDecimal injectiveBtc() {
        return hermesBtc().multiply(injectiveFactor).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal hyperliquidBtc() {
        return hermesBtc().multiply(hyperliquidFactor).setScale(1, RoundingMode.HALF_UP);
    }

    @Override
    public Map<String, String> start() {
        injectiveFactor = BigDecimal.ONE;
        hyperliquidFactor = BigDecimal.ONE;
        hyperliquidLive = true;
        try {
            hermes = new FakeHermesVenue(HERMES_KEY, 0, false);
            lcd = new FakeLcd();
            hyperliquid = new HyperliquidFakeVenue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Hyperliquid fake", e);
        }
        pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-hyperliquid-pusher");
            t.setDaemon(true);
            return t;
        });
        pusher.scheduleWithFixedDelay(MainnetSourcesResource::pushHyperliquid, 0, 200, TimeUnit.MILLISECONDS);

        Map<String, String> config = new HashMap<>();
        config.put("price-feed.hermes.url", hermes.baseUrl());
        config.put("price-feed.hermes.api-key", HERMES_KEY);
        config.put("price-feed.venue.url", hermes.baseUrl());
        config.put("price-feed.venue.markets", "BTC,ETH");
        // the target venue's books are counted in pricefeed_updates_total under the venue's name, which is
        // "hyperliquid" by default: another name keeps that series to the Hyperliquid mainnet source
        config.put("price-feed.venue.name", "target-venue");

        config.put("price-feed.injective.enabled", "true");
        config.put("price-feed.injective.lcd-url", lcd.baseUrl());
        config.put("price-feed.injective.poll-interval", "200ms");
        config.put("price-feed.injective.timeout", "5s");
        config.put("price-feed.injective.max-backoff", "2s");
        config.put("price-feed.injective.depth", "true");
        config.put("price-feed.injective.depth-levels", "5");
        config.put("price-feed.injective.markets.BTC.market-id", BTC_MARKET_ID);
        config.put("price-feed.injective.markets.BTC.kind", "spot");
        config.put("price-feed.injective.markets.BTC.base-decimals", "8");
        config.put("price-feed.injective.markets.BTC.quote-decimals", "6");
        config.put("price-feed.injective.markets.BTC.api", "v2");

        // the same fake LCD as the target venue's Injective books (md.venue-book), as the simulator serves them
        config.put("price-feed.injective-venue.enabled", "true");
        config.put("price-feed.injective-venue.lcd-url", lcd.baseUrl());
        config.put("price-feed.injective-venue.poll-interval", "200ms");
        config.put("price-feed.injective-venue.depth-levels", "5");
        // a label for a key, the platform's market name (base/quote) for what is published
        config.put("price-feed.injective-venue.markets.BTC-USDT.name", "BTC/USDT");
        config.put("price-feed.injective-venue.markets.BTC-USDT.market-id", BTC_MARKET_ID);
        config.put("price-feed.injective-venue.markets.BTC-USDT.kind", "spot");
        config.put("price-feed.injective-venue.markets.BTC-USDT.base-decimals", "8");
        config.put("price-feed.injective-venue.markets.BTC-USDT.quote-decimals", "6");

        config.put("price-feed.hyperliquid.enabled", "true");
        config.put("price-feed.hyperliquid.ws-url", hyperliquid.wsUrl().toString());
        config.put("price-feed.hyperliquid.rest-url", hyperliquid.restUrl().toString());
        config.put("price-feed.hyperliquid.coins.BTC", "BTC");
        config.put("price-feed.hyperliquid.depth", "true");
        config.put("price-feed.hyperliquid.reconnect-initial", "200ms");
        config.put("price-feed.hyperliquid.reconnect-max", "2s");
        config.put("price-feed.hyperliquid.fallback-poll-interval", "500ms");

        config.put("price-feed.reference.staleness.hyperliquid", "2s");
        return config;
    }

    /** One push of the Hyperliquid fake: allMids and an l2Book of BTC around the same mid. */
    private static void pushHyperliquid() {
        HyperliquidFakeVenue venue = hyperliquid;
        if (venue == null) {
            return;
        }
        try {
            if (!hyperliquidLive) {
                venue.restAllMids = "{\"ETH\":\"3000.5\"}"; // answers, but no longer for BTC
                return;
            }
            BigDecimal mid = hyperliquidBtc();
            venue.restAllMids = "{\"BTC\":\"" + mid.toPlainString() + "\",\"DOGE\":\"0.1\"}";
            venue.broadcast("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"" + mid.toPlainString()
                    + "\",\"DOGE\":\"0.1\"}}}");
            BigDecimal half = new BigDecimal("0.5");
            venue.broadcast("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":" + System.currentTimeMillis()
                    + ",\"levels\":[[{\"px\":\"" + mid.subtract(half).toPlainString() + "\",\"sz\":\"0.25\",\"n\":3},"
                    + "{\"px\":\"" + mid.subtract(BigDecimal.TEN).toPlainString() + "\",\"sz\":\"1.5\",\"n\":1}],"
                    + "[{\"px\":\"" + mid.add(half).toPlainString() + "\",\"sz\":\"0.4\",\"n\":2}]]}}");
        } catch (RuntimeException e) {
            // a connection closing under the push: the next push goes on
        }
    }

    @Override
    public void stop() {
        if (pusher != null) {
            pusher.shutdownNow();
        }
        if (hermes != null) {
            hermes.close();
        }
        if (lcd != null) {
            lcd.close();
        }
        if (hyperliquid != null) {
            try {
                hyperliquid.close();
            } catch (Exception ignored) {
                // the test is over
            }
        }
    }

    /**
     * An Injective LCD: {@code GET /injective/exchange/v2/spot/mid_price_and_tob/{id}} and
     * {@code GET /injective/exchange/v2/spot/orderbook/{id}?limit=N} (v2: human prices as sdk.Dec strings, 18
     * decimals) for {@link #BTC_MARKET_ID}; other market ids get an empty (valid) book; other paths 404.
     */
    static final class FakeLcd implements AutoCloseable {
        private static final String V2 = "/injective/exchange/v2/";
        private final HttpServer server;
        private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-injective-lcd");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong btcMidRequests = new AtomicLong();
        private final AtomicLong seq = new AtomicLong(1000);

        FakeLcd() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long btcMidRequests() {
            return btcMidRequests.get();
        }

        private static String dec(BigDecimal value) {
            return value.setScale(18, RoundingMode.UNNECESSARY).toPlainString();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body = null;
            if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(V2)) {
                String[] parts = path.substring(V2.length()).split("/");
                if (parts.length == 3 && (parts[0].equals("spot") || parts[0].equals("derivative"))) {
                    boolean btc = parts[0].equals("spot") && parts[2].equalsIgnoreCase(BTC_MARKET_ID);
                    BigDecimal mid = injectiveBtc();
                    BigDecimal bid = mid.subtract(new BigDecimal("0.5"));
                    BigDecimal ask = mid.add(new BigDecimal("0.5"));
                    if (parts[1].equals("mid_price_and_tob")) {
                        if (btc) {
                            btcMidRequests.incrementAndGet();
                        }
                        body = btc ? "{\"mid_price\":\"" + dec(mid) + "\",\"best_buy_price\":\"" + dec(bid)
                                + "\",\"best_sell_price\":\"" + dec(ask) + "\"}"
                                : "{\"mid_price\":null,\"best_buy_price\":null,\"best_sell_price\":null}";
                    } else if (parts[1].equals("orderbook")) {
                        body = btc ? "{\"buys_price_level\":[{\"p\":\"" + dec(bid) + "\",\"q\":\"0.250000000000000000\"},"
                                + "{\"p\":\"" + dec(bid.subtract(BigDecimal.TEN)) + "\",\"q\":\"1.500000000000000000\"}],"
                                + "\"sells_price_level\":[{\"p\":\"" + dec(ask) + "\",\"q\":\"0.400000000000000000\"}],"
                                + "\"seq\":\"" + seq.incrementAndGet() + "\"}"
                                : "{\"buys_price_level\":[],\"sells_price_level\":[]}";
                    }
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
