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
 * A local server that speaks what price-feed reads: the Pyth Hermes v2 SSE stream and Hyperliquid POST /info l2Book.
 * Every stream connection sends BTC (and ETH) updates every 50 ms, price 60000 + n for the n-th event of the
 * connection; after the 3rd event it sends one malformed data line. With closeAfter > 0 it ends a connection after
 * that many events; with silent it sends headers and then nothing.
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

    public FakeHermesVenue(String requiredKey, int closeAfter, boolean silent) throws IOException {
        this.requiredKey = requiredKey;
        this.closeAfter = closeAfter;
        this.silent = silent;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/v2/updates/price/stream", this::stream);
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

    private void stream(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(auth));
        if (requiredKey != null && !("Bearer " + requiredKey).equals(auth)) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        List<String> ids = new ArrayList<>();
        boolean parsed = false;
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            if (key.equals("ids[]")) {
                ids.add(kv[1]);
            } else if (key.equals("parsed")) {
                parsed = "true".equals(kv[1]);
            }
        }
        if (!"GET".equals(exchange.getRequestMethod()) || ids.isEmpty() || !parsed) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        connections.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (silent) {
                while (running) {
                    Thread.sleep(50);
                }
                return;
            }
            for (int n = 1; running && (closeAfter <= 0 || n <= closeAfter); n++) {
                StringBuilder parsedJson = new StringBuilder();
                for (String id : ids) {
                    if (parsedJson.length() > 0) {
                        parsedJson.append(',');
                    }
                    long base = id.equals(ETH_ID) ? 3000 : 60000;
                    parsedJson.append("{\"id\":\"").append(id).append("\",\"price\":{\"price\":\"")
                            .append((base + n) * 100_000_000L).append("\",\"conf\":\"1500000\",\"expo\":-8,\"publish_time\":")
                            .append(1714746100 + n).append("}}");
                }
                String event = "data:{\"binary\":{\"encoding\":\"hex\",\"data\":[\"00\"]},\"parsed\":[" + parsedJson + "]}\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                if (n == 3) {
                    out.write("data: {\"parsed\":[{\"id\":\"broken\n\n".getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
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
