package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** /ws over a real socket: subscribe, then see our order appear in orderUpdates and the book in l2Book. */
@QuarkusTest
class WebSocketComponentTest {
    @TestHTTPResource("/")
    URL base;

    final List<JsonNode> inbox = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    WebSocket connect() throws Exception {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "ws");
        return SimulatorComponentTest.HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(Json.MAPPER.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new AssertionError(partial.toString(), e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closedWith.complete(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** The first message received of this channel containing the text, or fails after a generous bound. */
    JsonNode next(String channel, String mustContain) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            for (JsonNode m : inbox) {
                if (m.path("channel").asText().equals(channel) && m.toString().contains(mustContain)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + channel + " message containing " + mustContain);
    }

    @Test
    void subscriptionsDeliverOrderUpdatesAndTheBook() throws Exception {
        ECKeyPair key = SimulatorComponentTest.key("0x9999999999999999999999999999999999999999999999999999999999999999");
        String user = HyperliquidSigner.address(key);
        WebSocket ws = connect();
        ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"orderUpdates\",\"user\":\"" + user
                + "\"}}", true).get(5, TimeUnit.SECONDS);
        assertEquals("orderUpdates", next("subscriptionResponse", "orderUpdates").get("data").get("subscription")
                .get("type").asText());
        ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}", true)
                .get(5, TimeUnit.SECONDS);
        assertNotNull(next("l2Book", "\"coin\":\"BTC\""));

        HttpResponse<String> ref = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "v2/updates/price/latest?ids%5B%5D=" + SimulatorComponentTest.BTC_FEED)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        BigDecimal px = HyperliquidWire.roundPrice(new BigDecimal(Json.MAPPER.readTree(ref.body()).get("parsed").get(0)
                .get("price").get("price").textValue()).movePointLeft(8).multiply(new BigDecimal("0.4")), 5, true,
                RoundingMode.DOWN);
        String body = SimulatorComponentTest.signed(key, SimulatorComponentTest.order(0, true, px,
                new BigDecimal("0.001"), "Gtc", null), SimulatorComponentTest.NONCES.next());
        HttpResponse<String> r = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "exchange")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long oid = SimulatorComponentTest.status0(Json.MAPPER.readTree(r.body())).get("resting").get("oid").asLong();

        JsonNode update = next("orderUpdates", "\"oid\":" + oid).get("data").get(0);
        assertEquals("open", update.get("status").asText());
        assertEquals("BTC", update.get("order").get("coin").asText());
        assertEquals("B", update.get("order").get("side").asText());
        assertEquals(0, px.compareTo(new BigDecimal(update.get("order").get("limitPx").asText())));
        assertNotNull(next("l2Book", "\"px\":\"" + px.stripTrailingZeros().toPlainString() + "\""));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    HttpResponse<String> faults(String patch) throws Exception {
        return SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + "sim/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(patch)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDropFaultClosesConnections() throws Exception {
        WebSocket ws = connect();
        ws.sendText("{\"method\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
        assertNotNull(next("pong", ""));
        try {
            assertEquals(200, faults("{\"wsDropEverySeconds\":1}").statusCode());
            assertEquals(1001, closedWith.get(15, TimeUnit.SECONDS), "dropped by the venue");
        } finally {
            assertEquals(200, faults("{\"wsDropEverySeconds\":0}").statusCode());
        }
    }
}
