package io.mmplatform.pricefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmplatform.common.codec.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks what price-feed reads: the Pyth Hermes v2 SSE stream and latest read, and Hyperliquid
 * POST /info l2Book. The server has a clock of ticks: every stream event is the next tick n (price 60000 + n for BTC,
 * 3000 + n for ETH, publish_time 1714746100 + n), one every 50 ms, so the first connection sends 60001, 60002, ...;
 * latest answers the current tick. After the 3rd event of a connection it sends one malformed data line. With
 * closeAfter > 0 it ends a connection cleanly after that many events; with silent it sends headers and then nothing.
 * The switches below add 429s, cuts, gaps, replays and unknown feeds.
 */
public final class FakeHermesVenue implements AutoCloseable {
    public static final String BTC_ID = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
    public static final String ETH_ID = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-hermes");
        t.setDaemon(true);
        return t;
    });
    private final String requiredKey;
    private final int closeAfter;
    private final boolean silent;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger bookRequests = new AtomicInteger();
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final AtomicInteger clock = new AtomicInteger();
    private final List<Long> streamRequestNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Long> latestRequestNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger streamRateLimits = new AtomicInteger();
    private final AtomicInteger latestRateLimits = new AtomicInteger();
    private volatile String streamRetryAfter;
    private volatile String latestRetryAfter;
    private volatile int gapOnClose;
    private volatile int replayOnConnect;
    private volatile int dropFirstAfter;
    private volatile int unknownFeedEvent;
    private volatile String unknownFeedId;
    private volatile boolean malformedAfterThird = true;
    private volatile boolean holdStreamUntilLatest;
    private volatile int oversizedAfter;
    private volatile int oversizedChars;

    public FakeHermesVenue(String requiredKey, int closeAfter, boolean silent) throws IOException {
        this.requiredKey = requiredKey;
        this.closeAfter = closeAfter;
        this.silent = silent;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/v2/updates/price/stream", this::stream);
        server.createContext("/v2/updates/price/latest", this::latest);
        server.createContext("/info", this::info);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int connections() {
        return connections.get();
    }

    public int bookRequests() {
        return bookRequests.get();
    }

    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    // ---- behaviour switches for the Hermes client tests (set before the client starts) ----

    /** On every end of a connection by the server, the market moves this many ticks the client does not see. */
    public FakeHermesVenue gapOnClose(int ticks) {
        this.gapOnClose = ticks;
        return this;
    }

    /** Every connection after the first starts by re-sending the last {@code events} past ticks (old and duplicate). */
    public FakeHermesVenue replayOnConnect(int events) {
        this.replayOnConnect = events;
        return this;
    }

    /** The first connection is cut abruptly after this many events, in the middle of the next one. */
    public FakeHermesVenue dropFirstConnectionAfter(int events) {
        this.dropFirstAfter = events;
        return this;
    }

    /** The first {@code count} stream requests answer 429, with this Retry-After (null: none). */
    public FakeHermesVenue rateLimitStream(int count, String retryAfter) {
        this.streamRateLimits.set(count);
        this.streamRetryAfter = retryAfter;
        return this;
    }

    /** The first {@code count} latest requests answer 429, with this Retry-After (null: none). */
    public FakeHermesVenue rateLimitLatest(int count, String retryAfter) {
        this.latestRateLimits.set(count);
        this.latestRetryAfter = retryAfter;
        return this;
    }

    /** The n-th event of every connection also carries an entry of this (unsubscribed) feed id. */
    public FakeHermesVenue unknownFeedInEvent(int n, String feedId) {
        this.unknownFeedEvent = n;
        this.unknownFeedId = feedId;
        return this;
    }

    /** After its k-th event every connection sends one event with a data line of {@code chars} chars. */
    public FakeHermesVenue oversizedAfter(int k, int chars) {
        this.oversizedAfter = k;
        this.oversizedChars = chars;
        return this;
    }

    /** Whether every connection sends one malformed data line after its 3rd event (default true). */
    public FakeHermesVenue malformedAfterThird(boolean on) {
        this.malformedAfterThird = on;
        return this;
    }

    /** Connections after the first wait (up to 2 s) for a latest request before sending new ticks. */
    public FakeHermesVenue holdStreamUntilLatest(boolean on) {
        this.holdStreamUntilLatest = on;
        return this;
    }

    /** System.nanoTime() of every stream request (429s included). */
    public List<Long> streamRequestNanos() {
        return new ArrayList<>(streamRequestNanos);
    }

    /** System.nanoTime() of every latest request (429s included). */
    public List<Long> latestRequestNanos() {
        return new ArrayList<>(latestRequestNanos);
    }

    public int latestRequests() {
        return latestRequestNanos.size();
    }

    /** The server's clock: the last tick sent or skipped. */
    public int tick() {
        return clock.get();
    }

    private static String entry(String id, int n) {
        long base = id.equals(ETH_ID) ? 3000 : 60000;
        return "{\"id\":\"" + id + "\",\"price\":{\"price\":\"" + (base + n) * 100_000_000L
                + "\",\"conf\":\"1500000\",\"expo\":-8,\"publish_time\":" + (1714746100 + n) + "}}";
    }

    private static String update(List<String> ids, int n, String extraId) {
        StringBuilder parsedJson = new StringBuilder();
        for (String id : ids) {
            if (parsedJson.length() > 0) {
                parsedJson.append(',');
            }
            parsedJson.append(entry(id, n));
        }
        if (extraId != null) {
            parsedJson.append(',').append(entry(extraId, n));
        }
        return "{\"binary\":{\"encoding\":\"hex\",\"data\":[\"00\"]},\"parsed\":[" + parsedJson + "]}";
    }

    /** The ids of a Hermes query, or null (and a 400 sent) when the request is not a parsed Hermes GET. */
    private List<String> hermesIds(HttpExchange exchange) throws IOException {
        List<String> ids = new ArrayList<>();
        boolean parsed = false;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            if (key.equals("ids[]") && kv.length == 2) {
                ids.add(kv[1]);
            } else if (key.equals("parsed") && kv.length == 2) {
                parsed = "true".equals(kv[1]);
            }
        }
        if (!"GET".equals(exchange.getRequestMethod()) || ids.isEmpty() || !parsed) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return null;
        }
        return ids;
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(auth));
        if (requiredKey != null && !("Bearer " + requiredKey).equals(auth)) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return false;
        }
        return true;
    }

    private static boolean rateLimited(HttpExchange exchange, AtomicInteger remaining, String retryAfter) throws IOException {
        if (remaining.getAndUpdate(r -> r > 0 ? r - 1 : 0) <= 0) {
            return false;
        }
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(429, -1);
        exchange.close();
        return true;
    }

    private void latest(HttpExchange exchange) throws IOException {
        latestRequestNanos.add(System.nanoTime());
        if (!authorized(exchange) || rateLimited(exchange, latestRateLimits, latestRetryAfter)) {
            return;
        }
        List<String> ids = hermesIds(exchange);
        if (ids == null) {
            return;
        }
        byte[] body = update(ids, clock.get(), null).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        long requestNanos = System.nanoTime();
        streamRequestNanos.add(requestNanos);
        if (!authorized(exchange) || rateLimited(exchange, streamRateLimits, streamRetryAfter)) {
            return;
        }
        List<String> ids = hermesIds(exchange);
        if (ids == null) {
            return;
        }
        int connection = connections.incrementAndGet();
        int latestBefore = latestRequests();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        boolean cut = false;
        try {
            if (silent) {
                while (running) {
                    Thread.sleep(50);
                }
                return;
            }
            if (connection > 1) {
                for (int n = Math.max(1, clock.get() - replayOnConnect + 1); n <= clock.get() && replayOnConnect > 0; n++) {
                    out.write(("data:" + update(ids, n, null) + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                long until = System.nanoTime() + 2_000_000_000L;
                while (holdStreamUntilLatest && running && latestRequests() <= latestBefore && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
            }
            for (int k = 1; running && (closeAfter <= 0 || k <= closeAfter); k++) {
                if (connection == 1 && dropFirstAfter > 0 && k > dropFirstAfter) {
                    out.write("data: {\"parsed\":[{\"id\":\"".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    cut = true;
                    clock.addAndGet(gapOnClose);
                    throw new IllegalStateException("cutting the connection"); // no final chunk: an abrupt end
                }
                int n = clock.incrementAndGet();
                String event = "data:" + update(ids, n, k == unknownFeedEvent ? unknownFeedId : null) + "\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                if (k == oversizedAfter) {
                    out.write(("data: {\"parsed\":[],\"pad\":\"" + "x".repeat(oversizedChars) + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
                }
                if (k == 3 && malformedAfterThird) {
                    out.write("data: {\"parsed\":[{\"id\":\"broken\n\n".getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                Thread.sleep(50);
            }
            clock.addAndGet(gapOnClose);
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            if (!cut) {
                out.close();
            }
        }
    }

    private void info(HttpExchange exchange) throws IOException {
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
        if (!"POST".equals(exchange.getRequestMethod()) || request == null || !"l2Book".equals(request.path("type").asText())) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        int n = bookRequests.incrementAndGet();
        String coin = request.path("coin").asText();
        Map<String, String[]> books = Map.of("BTC", new String[]{"59990.5", "60010"}, "ETH", new String[]{"2999.5", "3000.5"});
        String[] px = books.get(coin);
        byte[] body = (px == null ? "null" : "{\"coin\":\"" + coin + "\",\"levels\":[[{\"px\":\"" + px[0]
                + "\",\"sz\":\"0.12\",\"n\":2},{\"px\":\"59980\",\"sz\":\"1.5\",\"n\":1}],[{\"px\":\"" + px[1]
                + "\",\"sz\":\"0.3\",\"n\":1}]],\"time\":" + (1714746101000L + n) + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        running = false;
        server.stop(0);
        executor.shutdownNow();
    }
}
