package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.EngineSettings;
import io.mmplatform.simulator.domain.OrderRequest;
import io.mmplatform.simulator.domain.ReferenceSettings;
import io.mmplatform.simulator.domain.Side;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.TakerSettings;
import io.mmplatform.simulator.domain.Tif;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket dialect without a socket: subscriptions, acks and the messages published after venue events. */
class HyperliquidStreamTest {
    static final long T0 = 1_800_000_000_000L;
    static final String MAKER = "0x00000000000000000000000000000000000000aa";
    static final String TAKER = "0x00000000000000000000000000000000000000bb";

    final Simulation sim = new Simulation(HyperliquidExchangeTest.simulation().markets(), EngineSettings.defaults(),
            ReferenceSettings.defaults(), new TakerSettings(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN,
            BigDecimal.ZERO, 1), 1, T0);
    final HyperliquidStream stream = new HyperliquidStream(sim);
    final List<JsonNode> received = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final HyperliquidStream.Connection conn = stream.open(text -> {
        try {
            received.add(Json.MAPPER.readTree(text));
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }, () -> closed.add("closed"));

    void subscribe(String subscription) {
        stream.onMessage(conn, "{\"method\":\"subscribe\",\"subscription\":" + subscription + "}", T0);
    }

    List<JsonNode> take() {
        List<JsonNode> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    void place(String who, Side side, String px, String sz, Tif tif) {
        sim.withEngine(e -> e.place(new OrderRequest(who, "ETH", side, e.market("ETH").ticks(new BigDecimal(px)),
                e.market("ETH").lots(new BigDecimal(sz)), tif, false, null), T0));
    }

    @Test
    void subscribeIsAcknowledgedAndL2BookSendsASnapshotThenChanges() {
        subscribe("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
        List<JsonNode> first = take();
        assertEquals(2, first.size());
        assertEquals("subscriptionResponse", first.get(0).get("channel").asText());
        assertEquals("subscribe", first.get(0).get("data").get("method").asText());
        assertEquals("l2Book", first.get(0).get("data").get("subscription").get("type").asText());
        assertEquals("l2Book", first.get(1).get("channel").asText());
        assertEquals("ETH", first.get(1).get("data").get("coin").asText());
        assertEquals(2, first.get(1).get("data").get("levels").size());

        stream.publish(T0);
        assertEquals(1, take().size(), "the first publish sends the book it has not sent yet");
        stream.publish(T0 + 20);
        assertTrue(take().isEmpty(), "no change, no message");
        place(MAKER, Side.BID, "3000", "0.5", Tif.GTC);
        stream.publish(T0 + 40);
        JsonNode book = take().get(0);
        JsonNode bid = book.get("data").get("levels").get(0).get(0);
        assertEquals("3000", bid.get("px").asText());
        assertEquals("0.5", bid.get("sz").asText());
        assertEquals(1, bid.get("n").asInt());
    }

    @Test
    void tradesOrderUpdatesAndUserFillsReachTheirSubscribers() {
        subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}");
        subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + MAKER.toUpperCase().replace("0X", "0x") + "\"}");
        subscribe("{\"type\":\"userFills\",\"user\":\"" + MAKER + "\"}");
        List<JsonNode> acks = take();
        assertEquals(4, acks.size(), "three acks and the userFills snapshot");
        assertTrue(acks.get(3).get("data").get("isSnapshot").asBoolean());
        assertEquals(0, acks.get(3).get("data").get("fills").size());

        place(MAKER, Side.ASK, "3000", "0.5", Tif.GTC);
        place(TAKER, Side.BID, "3000", "0.2", Tif.IOC);
        stream.publish(T0);
        List<JsonNode> msgs = take();
        assertEquals(3, msgs.size(), msgs.toString());
        JsonNode trades = msgs.get(0);
        assertEquals("trades", trades.get("channel").asText());
        JsonNode trade = trades.get("data").get(0);
        assertEquals("ETH", trade.get("coin").asText());
        assertEquals("B", trade.get("side").asText());
        assertEquals("3000", trade.get("px").asText());
        assertEquals("0.2", trade.get("sz").asText());
        assertEquals(TAKER, trade.get("users").get(0).asText());
        assertEquals(MAKER, trade.get("users").get(1).asText());

        JsonNode updates = msgs.get(1);
        assertEquals("orderUpdates", updates.get("channel").asText());
        assertEquals(1, updates.get("data").size(), "only the maker's own order: " + updates);
        assertEquals("open", updates.get("data").get(0).get("status").asText());
        assertEquals("0.5", updates.get("data").get(0).get("order").get("origSz").asText());
        assertEquals("A", updates.get("data").get(0).get("order").get("side").asText());

        JsonNode fills = msgs.get(2);
        assertEquals("userFills", fills.get("channel").asText());
        assertFalse(fills.get("data").has("isSnapshot"));
        assertEquals(MAKER, fills.get("data").get("user").asText());
        JsonNode fill = fills.get("data").get("fills").get(0);
        assertEquals("0.2", fill.get("sz").asText());
        assertFalse(fill.get("crossed").asBoolean());
        assertEquals("Open Short", fill.get("dir").asText());

        stream.onMessage(conn, "{\"method\":\"unsubscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"ETH\"}}",
                T0);
        assertEquals("unsubscribe", take().get(0).get("data").get("method").asText());
        place(TAKER, Side.BID, "3000", "0.1", Tif.IOC);
        stream.publish(T0 + 1);
        assertTrue(take().stream().noneMatch(m -> m.get("channel").asText().equals("trades")));
    }

    @Test
    void pingBadMessagesAndClosedConnections() {
        stream.onMessage(conn, "{\"method\":\"ping\"}", T0);
        assertEquals("{\"channel\":\"pong\"}", take().get(0).toString());
        subscribe("{\"type\":\"l2Book\",\"coin\":\"DOGE\"}");
        subscribe("{\"type\":\"userFills\",\"user\":\"nobody\"}");
        subscribe("{\"type\":\"candle\",\"coin\":\"ETH\"}");
        stream.onMessage(conn, "not json", T0);
        List<JsonNode> errors = take();
        assertEquals(4, errors.size());
        errors.forEach(e -> assertEquals("error", e.get("channel").asText()));
        subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}");
        subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}");
        assertEquals("error", take().get(1).get("channel").asText(), "a second identical subscription");

        assertEquals(1, stream.dropAll());
        assertEquals(List.of("closed"), closed);
        assertEquals(0, stream.connectionCount());
        assertEquals(0, stream.dropAll());
        place(MAKER, Side.ASK, "3000", "0.5", Tif.GTC);
        place(TAKER, Side.BID, "3000", "0.2", Tif.IOC);
        stream.publish(T0);
        assertTrue(take().isEmpty());
        assertTrue(sim.drainEvents().isEmpty(), "events are drained even without listeners");
    }
}
