package io.mmplatform.execution.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.hyperliquid.Signature;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small Hyperliquid-dialect venue for the component test: POST /info (meta, openOrders, userFills) and
 * POST /exchange (order, cancel, batchModify, scheduleCancel: the dead man's switch, fired lazily on the next request after its
 * time). It recovers the signer of every /exchange request and refuses bad signatures and
 * reused nonces; orders rest in a map (no matching); the test can fill a resting order as a taker would.
 */
final class TestVenue implements AutoCloseable {
    record Market(String name, int szDecimals) {
    }

    record Resting(long oid, String owner, String coin, boolean buy, BigDecimal px, BigDecimal sz, BigDecimal origSz,
                   String cloid, long timestamp) {
    }

    static final List<Market> MARKETS = List.of(new Market("BTC", 5), new Market("ETH", 4),
            new Market("SOL", 2), new Market("INJ", 1));

    private final HttpServer server;
    private final Map<Long, Resting> resting = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> fills = new HashMap<>();
    private final Map<String, Set<Long>> nonces = new HashMap<>();
    private final List<Resting> everPlaced = new ArrayList<>();
    private final Map<String, Long> scheduledCancel = new HashMap<>();
    private final Map<String, List<Long>> scheduleHistory = new HashMap<>();
    private final Map<String, Integer> exchangeBySigner = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Integer> actionsBySignerAndType = new HashMap<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> multiAssetOrders = new HashMap<>();
    private long nextOid = 1000;
    private long nextTid = 1;
    private int rejectedSignatures;
    private int exchangeRequests;

    TestVenue() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/info", ex -> handle(ex, body -> {
            awaitRelease("/info", body);
            return info(body);
        }));
        server.createContext("/exchange", ex -> handle(ex, body -> {
            awaitRelease("/exchange", body);
            return exchange(body);
        }));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ test's view

    synchronized List<Resting> openOrders(String owner) {
        return resting.values().stream().filter(o -> o.owner().equals(owner)).toList();
    }

    synchronized List<Resting> everPlaced() {
        return List.copyOf(everPlaced);
    }

    synchronized int rejectedSignatures() {
        return rejectedSignatures;
    }

    synchronized int exchangeRequests() {
        return exchangeRequests;
    }

    /** Signed /exchange requests (any action) accepted from one signer. */
    synchronized int exchangeRequests(String signer) {
        return exchangeBySigner.getOrDefault(signer, 0);
    }

    /** Signed /exchange requests of one action type (order, cancel, batchModify, scheduleCancel) from one signer. */
    synchronized int exchangeRequests(String signer, String type) {
        return actionsBySignerAndType.getOrDefault(signer + "/" + type, 0);
    }

    /** While on, every /exchange request of the signer is answered with an error status and nothing is applied. */
    synchronized void failExchange(String signer, boolean on) {
        if (on) {
            failing.add(signer);
        } else {
            failing.remove(signer);
        }
    }

    /**
     * Until closed, every /exchange request of the signer that touches the coin (orders, modifies, cancels) waits before
     * the venue looks at it, outside the venue's lock: other requests go on meanwhile.
     */
    Hold holdExchange(String signer, String coin) {
        int asset = MARKETS.indexOf(MARKETS.stream().filter(m -> m.name().equals(coin)).findFirst().orElseThrow());
        String owner = signer.toLowerCase();
        return hold("/exchange", req -> touches(req.path("action"), asset) && owner.equals(signerOf(req)));
    }

    /** Until closed, every /info request about the user (openOrders, userFills) waits, like {@link #holdExchange}. */
    Hold holdReads(String user) {
        String owner = user.toLowerCase();
        return hold("/info", req -> owner.equals(req.path("user").asText().toLowerCase()));
    }

    private Hold hold(String path, Predicate<JsonNode> matches) {
        Hold hold = new Hold(path, matches);
        holds.add(hold);
        return hold;
    }

    final class Hold implements AutoCloseable {
        private final String path;
        private final Predicate<JsonNode> matches;
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger held = new AtomicInteger();

        private Hold(String path, Predicate<JsonNode> matches) {
            this.path = path;
            this.matches = matches;
        }

        /** Requests held so far (released or not). */
        int held() {
            return held.get();
        }

        @Override
        public void close() {
            holds.remove(this);
            release.countDown();
        }
    }

    private void awaitRelease(String path, JsonNode req) {
        for (Hold hold : holds) {
            if (hold.path.equals(path) && hold.matches.test(req)) {
                hold.held.incrementAndGet();
                try {
                    hold.release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static boolean touches(JsonNode action, int asset) {
        boolean touches = false;
        for (JsonNode o : action.path("orders")) {
            touches |= o.path("a").asInt(-1) == asset;
        }
        for (JsonNode m : action.path("modifies")) {
            touches |= m.path("order").path("a").asInt(-1) == asset;
        }
        for (JsonNode c : action.path("cancels")) {
            touches |= c.path("a").asInt(-1) == asset;
        }
        return touches;
    }

    private static String signerOf(JsonNode req) {
        try {
            return HyperliquidSigner.recoverL1Signer(req.path("action"), req.path("nonce").asLong(), null, null, false,
                    Signature.fromJson(req.get("signature")));
        } catch (IllegalArgumentException e) {
            return null; // the venue refuses it
        }
    }

    /** Signed order requests from the signer whose orders name more than one asset. */
    synchronized int multiAssetOrderRequests(String signer) {
        return multiAssetOrders.getOrDefault(signer, 0);
    }

    /** The time of the signer's pending scheduled cancel, or null if none. */
    synchronized Long scheduledCancel(String signer) {
        return scheduledCancel.get(signer);
    }

    /** Every scheduleCancel time the signer sent, in order (null: unscheduled). */
    synchronized List<Long> scheduleHistory(String signer) {
        return new ArrayList<>(scheduleHistory.getOrDefault(signer, List.of()));
    }

    /** An order placed behind the service's back (e.g. left over from an earlier run). */
    synchronized long placeDirectly(String owner, String coin, boolean buy, String px, String sz) {
        long oid = nextOid++;
        resting.put(oid, new Resting(oid, owner, coin, buy, new BigDecimal(px), new BigDecimal(sz), new BigDecimal(sz),
                null, System.currentTimeMillis()));
        return oid;
    }

    /** A taker trades size against a resting order; returns the trade id. */
    synchronized long fill(long oid, BigDecimal size) {
        Resting o = resting.get(oid);
        if (o == null || size.compareTo(o.sz()) > 0) {
            throw new IllegalArgumentException("cannot fill " + size + " of order " + oid + ": " + o);
        }
        long tid = nextTid++;
        BigDecimal left = o.sz().subtract(size);
        if (left.signum() == 0) {
            resting.remove(oid);
        } else {
            resting.put(oid, new Resting(oid, o.owner(), o.coin(), o.buy(), o.px(), left, o.origSz(), o.cloid(), o.timestamp()));
        }
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("coin", o.coin());
        f.put("px", HyperliquidWire.decimalToWire(o.px()));
        f.put("sz", HyperliquidWire.decimalToWire(size));
        f.put("side", o.buy() ? "B" : "A");
        f.put("time", System.currentTimeMillis());
        f.put("startPosition", "0");
        f.put("dir", o.buy() ? "Open Long" : "Open Short");
        f.put("closedPnl", "0");
        f.put("hash", "0x" + "0".repeat(64));
        f.put("oid", oid);
        f.put("crossed", false);
        f.put("fee", HyperliquidWire.decimalToWire(o.px().multiply(size).multiply(new BigDecimal("0.0001")).setScale(6, java.math.RoundingMode.HALF_UP)));
        f.put("tid", tid);
        f.put("feeToken", "USDC");
        if (o.cloid() != null) {
            f.put("cloid", o.cloid());
        }
        fills.computeIfAbsent(o.owner(), k -> new ArrayList<>()).add(0, f); // newest first
        return tid;
    }

    // ------------------------------------------------------------------ HTTP

    private interface Handler {
        JsonNode apply(JsonNode body);
    }

    private void handle(HttpExchange ex, Handler handler) throws IOException {
        int status = 200;
        JsonNode answer;
        try {
            if (!"POST".equals(ex.getRequestMethod())) {
                status = 405;
                answer = Json.MAPPER.getNodeFactory().textNode("POST only");
            } else {
                answer = handler.apply(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
            }
        } catch (RuntimeException e) {
            status = 422;
            answer = Json.MAPPER.getNodeFactory().textNode("Failed to deserialize the JSON body: " + e.getMessage());
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(answer);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The dead man's switch: a signer's scheduled cancel whose time has come cancels all its orders. */
    private void fireDueSchedules() {
        long now = System.currentTimeMillis();
        scheduledCancel.entrySet().removeIf(e -> {
            if (e.getValue() > now) {
                return false;
            }
            resting.values().removeIf(o -> o.owner().equals(e.getKey()));
            return true;
        });
    }

    private synchronized JsonNode info(JsonNode req) {
        fireDueSchedules();
        String type = req.path("type").asText();
        switch (type) {
            case "meta" -> {
                ObjectNode meta = Json.MAPPER.createObjectNode();
                ArrayNode universe = meta.putArray("universe");
                for (Market m : MARKETS) {
                    universe.addObject().put("name", m.name()).put("szDecimals", m.szDecimals()).put("maxLeverage", 50);
                }
                return meta;
            }
            case "openOrders" -> {
                String user = req.path("user").asText().toLowerCase();
                ArrayNode out = Json.MAPPER.createArrayNode();
                for (Resting o : resting.values()) {
                    if (o.owner().equals(user)) {
                        ObjectNode n = out.addObject();
                        n.put("coin", o.coin());
                        n.put("limitPx", HyperliquidWire.decimalToWire(o.px()));
                        n.put("oid", o.oid());
                        n.put("side", o.buy() ? "B" : "A");
                        n.put("sz", HyperliquidWire.decimalToWire(o.sz()));
                        n.put("timestamp", o.timestamp());
                        n.put("origSz", HyperliquidWire.decimalToWire(o.origSz()));
                        if (o.cloid() != null) {
                            n.put("cloid", o.cloid());
                        }
                    }
                }
                return out;
            }
            case "userFills" -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                fills.getOrDefault(req.path("user").asText().toLowerCase(), List.of()).forEach(out::add);
                return out;
            }
            default -> throw new IllegalArgumentException("unknown info type " + type);
        }
    }

    private synchronized JsonNode exchange(JsonNode req) {
        fireDueSchedules();
        exchangeRequests++;
        JsonNode action = req.get("action");
        long nonce = req.path("nonce").asLong();
        String signer;
        try {
            signer = HyperliquidSigner.recoverL1Signer(action, nonce, null, null, false, Signature.fromJson(req.get("signature")));
        } catch (IllegalArgumentException e) {
            rejectedSignatures++;
            return err("invalid signature: " + e.getMessage());
        }
        if (!nonces.computeIfAbsent(signer, k -> new HashSet<>()).add(nonce)) {
            return err("Invalid nonce: duplicate nonce " + nonce + " for " + signer);
        }
        exchangeBySigner.merge(signer, 1, Integer::sum);
        if (failing.contains(signer)) {
            return err("Simulated venue failure");
        }
        String type = action.path("type").asText();
        actionsBySignerAndType.merge(signer + "/" + type, 1, Integer::sum);
        if (type.equals("scheduleCancel")) {
            Long time = action.hasNonNull("time") ? action.get("time").asLong() : null;
            if (time != null && time < System.currentTimeMillis() + 5000) {
                return err("Scheduled cancel time too early, must be at least 5 seconds from now.");
            }
            scheduleHistory.computeIfAbsent(signer, k -> new ArrayList<>()).add(time);
            if (time == null) {
                scheduledCancel.remove(signer);
            } else {
                scheduledCancel.put(signer, time);
            }
            ObjectNode ok = Json.MAPPER.createObjectNode().put("status", "ok");
            ok.putObject("response").put("type", "default");
            return ok;
        }
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        if (type.equals("order")) {
            Set<Integer> assets = new HashSet<>();
            action.path("orders").forEach(o -> assets.add(o.path("a").asInt()));
            if (assets.size() > 1) {
                multiAssetOrders.merge(signer, 1, Integer::sum);
            }
            for (JsonNode o : action.path("orders")) {
                statuses.add(place(signer, o));
            }
        } else if (type.equals("cancel")) {
            for (JsonNode c : action.path("cancels")) {
                Resting r = resting.get(c.path("o").asLong());
                if (r != null && r.owner().equals(signer)) {
                    resting.remove(r.oid());
                    statuses.add("success");
                } else {
                    statuses.addObject().put("error", "Order was never placed, already canceled, or filled.");
                }
            }
        } else if (type.equals("batchModify")) {
            // each modify replaces a resting order of the signer by a new one (new oid); answered like an order
            for (JsonNode m : action.path("modifies")) {
                Resting r = resting.get(m.path("oid").asLong());
                if (r == null || !r.owner().equals(signer) || !m.path("oid").isNumber()) {
                    statuses.addObject().put("error", "Cannot modify canceled or filled order");
                    continue;
                }
                resting.remove(r.oid());
                statuses.add(place(signer, m.path("order")));
            }
        } else {
            return err("unsupported action " + type);
        }
        ObjectNode ok = Json.MAPPER.createObjectNode().put("status", "ok");
        ObjectNode response = ok.putObject("response").put("type", type.equals("batchModify") ? "order" : type);
        response.putObject("data").set("statuses", statuses);
        return ok;
    }

    private JsonNode place(String signer, JsonNode o) {
        int a = o.path("a").asInt(-1);
        if (a < 0 || a >= MARKETS.size()) {
            return Json.MAPPER.createObjectNode().put("error", "Invalid asset " + a);
        }
        Market m = MARKETS.get(a);
        BigDecimal px = new BigDecimal(o.path("p").asText());
        BigDecimal sz = new BigDecimal(o.path("s").asText());
        String priceError = HyperliquidWire.priceError(px, m.szDecimals(), true);
        if (priceError != null) {
            return Json.MAPPER.createObjectNode().put("error", "Price must be divisible by tick size. " + priceError);
        }
        if (HyperliquidWire.sizeError(sz, m.szDecimals()) != null || sz.signum() <= 0) {
            return Json.MAPPER.createObjectNode().put("error", "Order has invalid size.");
        }
        String tif = o.path("t").path("limit").path("tif").asText();
        if (!tif.equals("Gtc") && !tif.equals("Alo")) {
            return Json.MAPPER.createObjectNode().put("error", "Order could not immediately match against any resting orders.");
        }
        long oid = nextOid++;
        Resting r = new Resting(oid, signer, m.name(), o.path("b").asBoolean(), px, sz, sz,
                o.hasNonNull("c") ? o.get("c").asText() : null, System.currentTimeMillis());
        resting.put(oid, r);
        everPlaced.add(r);
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.putObject("resting").put("oid", oid);
        return status;
    }

    private static ObjectNode err(String message) {
        return Json.MAPPER.createObjectNode().put("status", "err").put("response", message);
    }
}
