package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.Account;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.UserFill;
import io.mmplatform.simulator.domain.VenueEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hyperliquid's WebSocket dialect, without the transport: {@code {"method":"subscribe","subscription":{...}}} (and
 * unsubscribe, ping) for {@code l2Book} (coin), {@code trades} (coin), {@code orderUpdates} (user) and
 * {@code userFills} (user), answered with {@code subscriptionResponse} and then {@code {"channel":..,"data":..}}
 * messages in the venue's shapes. {@link #publish(long)} (clock thread) drains the venue's events and sends them to
 * the subscribers; l2Book is sent on subscribe and whenever the book's top 20 levels change.
 */
public final class HyperliquidStream {
    static final int SNAPSHOT_FILLS = 2000;

    /** One client connection and its subscriptions. */
    public static final class Connection {
        private final Consumer<String> sink;
        private final Runnable closer;
        final Set<String> books = ConcurrentHashMap.newKeySet();
        final Set<String> trades = ConcurrentHashMap.newKeySet();
        final Set<String> orderUpdates = ConcurrentHashMap.newKeySet();
        final Set<String> userFills = ConcurrentHashMap.newKeySet();

        Connection(Consumer<String> sink, Runnable closer) {
            this.sink = sink;
            this.closer = closer;
        }

        void send(String text) {
            sink.accept(text);
        }
    }

    private final Simulation simulation;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Last l2Book levels sent per coin (publish thread only). */
    private final Map<String, String> lastBook = new HashMap<>();

    public HyperliquidStream(Simulation simulation) {
        this.simulation = simulation;
        simulation.recordEvents(true);
    }

    /** A new connection: sink sends one text message to the client, closer closes its transport. */
    public Connection open(Consumer<String> sink, Runnable closer) {
        Connection c = new Connection(sink, closer);
        connections.add(c);
        return c;
    }

    /** Drops every connection (the dropped-WebSocket fault); returns how many. */
    public int dropAll() {
        int n = 0;
        for (Connection c : connections) {
            if (connections.remove(c)) {
                c.closer.run();
                n++;
            }
        }
        return n;
    }

    public void close(Connection c) {
        connections.remove(c);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Handles one text message of a client. */
    public void onMessage(Connection c, String text, long now) {
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            msg = null;
        }
        if (msg == null || !msg.isObject()) {
            c.send(error("Invalid message: " + text));
            return;
        }
        String method = msg.path("method").asText("");
        if (method.equals("ping")) {
            c.send("{\"channel\":\"pong\"}");
            return;
        }
        if (!method.equals("subscribe") && !method.equals("unsubscribe")) {
            c.send(error("Unknown method: " + text));
            return;
        }
        JsonNode sub = msg.get("subscription");
        String type = sub == null ? "" : sub.path("type").asText("");
        boolean on = method.equals("subscribe");
        String key;
        Set<String> set;
        switch (type) {
            case "l2Book", "trades" -> {
                key = sub.path("coin").asText("");
                if (simulation.markets().stream().noneMatch(m -> m.name().equals(sub.path("coin").asText("")))) {
                    c.send(error("Invalid subscription " + sub));
                    return;
                }
                set = type.equals("l2Book") ? c.books : c.trades;
            }
            case "orderUpdates", "userFills" -> {
                String user = sub.path("user").asText("");
                if (!user.matches("0[xX][0-9a-fA-F]{40}")) {
                    c.send(error("Invalid subscription " + sub));
                    return;
                }
                key = user.toLowerCase(Locale.ROOT);
                set = type.equals("orderUpdates") ? c.orderUpdates : c.userFills;
            }
            default -> {
                c.send(error("Invalid subscription " + (sub == null ? "null" : sub.toString())));
                return;
            }
        }
        boolean changed = on ? set.add(key) : set.remove(key);
        if (!changed) {
            c.send(error(on ? "Already subscribed: " + sub : "Already unsubscribed: " + sub));
            return;
        }
        ObjectNode ack = Json.MAPPER.createObjectNode();
        ack.put("channel", "subscriptionResponse");
        ObjectNode data = ack.putObject("data");
        data.put("method", method);
        data.set("subscription", sub);
        c.send(ack.toString());
        if (on && type.equals("l2Book")) {
            c.send(channel("l2Book", simulation.withEngine(e ->
                    HyperliquidInfo.l2BookJson(e, key, Math.max(now, e.lastTime())))));
        } else if (on && type.equals("userFills")) {
            c.send(channel("userFills", userFillsSnapshot(key)));
        }
    }

    private ObjectNode userFillsSnapshot(String user) {
        return simulation.withEngine(e -> {
            ObjectNode data = Json.MAPPER.createObjectNode();
            data.put("isSnapshot", true);
            data.put("user", user);
            ArrayNode fills = data.putArray("fills");
            Account account = e.existingAccount(user);
            if (account != null) {
                List<UserFill> all = account.fills();
                for (UserFill f : all.subList(0, Math.min(SNAPSHOT_FILLS, all.size()))) {
                    HyperliquidInfo.fillJson(f, fills.addObject());
                }
            }
            return data;
        });
    }

    /** Drains the venue's events and sends what each subscriber asked for; then changed books. */
    public void publish(long now) {
        List<VenueEvent> events = simulation.drainEvents();
        if (connections.isEmpty()) {
            lastBook.clear();
            return;
        }
        Map<String, ArrayNode> tradesByCoin = new LinkedHashMap<>();
        Map<String, ArrayNode> updatesByUser = new LinkedHashMap<>();
        Map<String, ArrayNode> fillsByUser = new LinkedHashMap<>();
        for (VenueEvent event : events) {
            if (event instanceof VenueEvent.Trade t) {
                ObjectNode n = tradesByCoin.computeIfAbsent(t.coin(), k -> Json.MAPPER.createArrayNode()).addObject();
                n.put("coin", t.coin());
                n.put("side", t.takerSide().code());
                n.put("px", HyperliquidInfo.plain(t.px()));
                n.put("sz", HyperliquidInfo.plain(t.sz()));
                n.put("hash", t.hash());
                n.put("time", t.time());
                n.put("tid", t.tid());
                n.putArray("users").add(t.buyer()).add(t.seller());
            } else if (event instanceof VenueEvent.OrderUpdate u) {
                ObjectNode n = updatesByUser.computeIfAbsent(u.address(), k -> Json.MAPPER.createArrayNode())
                        .addObject();
                ObjectNode o = n.putObject("order");
                o.put("coin", u.coin());
                o.put("side", u.side().code());
                o.put("limitPx", HyperliquidInfo.plain(u.limitPx()));
                o.put("sz", HyperliquidInfo.plain(u.sz()));
                o.put("oid", u.oid());
                o.put("timestamp", u.timestamp());
                o.put("origSz", HyperliquidInfo.plain(u.origSz()));
                if (u.cloid() != null) {
                    o.put("cloid", u.cloid());
                }
                n.put("status", u.status());
                n.put("statusTimestamp", u.statusTime());
            } else if (event instanceof VenueEvent.Fill f) {
                HyperliquidInfo.fillJson(f.fill(),
                        fillsByUser.computeIfAbsent(f.address(), k -> Json.MAPPER.createArrayNode()).addObject());
            }
        }
        Map<String, String> books = changedBooks(now);
        for (Connection c : connections) {
            for (String coin : c.books) {
                String book = books.get(coin);
                if (book != null) {
                    c.send(book);
                }
            }
            for (String coin : c.trades) {
                ArrayNode t = tradesByCoin.get(coin);
                if (t != null) {
                    c.send(channel("trades", t));
                }
            }
            for (String user : c.orderUpdates) {
                ArrayNode u = updatesByUser.get(user);
                if (u != null) {
                    c.send(channel("orderUpdates", u));
                }
            }
            for (String user : c.userFills) {
                ArrayNode f = fillsByUser.get(user);
                if (f != null) {
                    ObjectNode data = Json.MAPPER.createObjectNode();
                    data.put("user", user);
                    data.set("fills", f);
                    c.send(channel("userFills", data));
                }
            }
        }
    }

    /** The l2Book message of every subscribed coin whose levels changed since last sent. */
    private Map<String, String> changedBooks(long now) {
        Set<String> wanted = new HashSet<>();
        for (Connection c : connections) {
            wanted.addAll(c.books);
        }
        Map<String, String> out = new HashMap<>();
        for (MarketSpec m : simulation.markets()) {
            if (!wanted.contains(m.name())) {
                lastBook.remove(m.name());
                continue;
            }
            ObjectNode book = simulation.withEngine(e ->
                    HyperliquidInfo.l2BookJson(e, m.name(), Math.max(now, e.lastTime())));
            String levels = book.get("levels").toString();
            if (!levels.equals(lastBook.get(m.name()))) {
                lastBook.put(m.name(), levels);
                out.put(m.name(), channel("l2Book", book));
            }
        }
        return out;
    }

    static String channel(String channel, JsonNode data) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("channel", channel);
        root.set("data", data);
        return root.toString();
    }

    static String error(String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("channel", "error");
        root.put("data", message);
        return root.toString();
    }
}
