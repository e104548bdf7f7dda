package io.mmplatform.execution.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.Signature;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptersTest {
    private static JsonNode vectors() throws Exception {
        try (InputStream in = AdaptersTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void theOrderActionWeBuildSignsLikeThePublishedVector() throws Exception {
        JsonNode v = vectors();
        JsonNode orderCase = v.get("cases").get(1);
        assertEquals(orderCase.get("action"), HyperliquidClient.orderAction(List.of(new HyperliquidClient.WireOrder(
                1, Side.BUY, new BigDecimal("100"), new BigDecimal("100.000"), TimeInForce.GTC, null))));

        Path file = Files.createTempFile("wallets", ".json");
        Files.writeString(file, "[{\"id\":\"v\",\"privateKey\":\"" + v.get("privateKey").asText() + "\"}]");
        Wallet wallet = WalletsFile.load(file, "execution.wallets-file").get(0);
        Files.delete(file);
        assertEquals(v.get("address").asText().toLowerCase(), wallet.address());

        HyperliquidClient client = new HyperliquidClient(URI.create("http://localhost:1"), false, Duration.ofSeconds(1));
        HyperliquidClient.SignedRequest signed = client.sign(wallet.key(), HyperliquidClient.orderAction(List.of(
                new HyperliquidClient.WireOrder(1, Side.BUY, new BigDecimal("100"), new BigDecimal("100"), TimeInForce.GTC, null))),
                orderCase.get("nonce").asLong(), 1);
        JsonNode body = Json.MAPPER.readTree(signed.body());
        Signature sig = Signature.fromJson(body.get("signature"));
        JsonNode expected = orderCase.get("testnet");
        assertEquals(new BigInteger(expected.get("r").asText().substring(2), 16), sig.r());
        assertEquals(new BigInteger(expected.get("s").asText().substring(2), 16), sig.s());
        assertEquals(expected.get("v").asInt(), sig.v());
        assertTrue(body.has("vaultAddress") && body.get("vaultAddress").isNull());
        assertEquals(List.of("action", "nonce", "signature", "vaultAddress"), iterate(body));
    }

    @Test
    void cancelActionHasTheVenueShape() {
        assertEquals("{\"type\":\"cancel\",\"cancels\":[{\"a\":2,\"o\":77}]}",
                HyperliquidClient.cancelAction(List.of(new HyperliquidClient.WireCancel(2, 77))).toString());
    }

    @Test
    void batchModifyActionHasTheVenueShape() {
        String json = HyperliquidClient.batchModifyAction(List.of(new HyperliquidClient.WireModify(1234,
                new HyperliquidClient.WireOrder(1, Side.BUY, new BigDecimal("3000.5"), new BigDecimal("0.10"),
                        TimeInForce.GTC, "0x" + "cd".repeat(16))))).toString();
        assertEquals("{\"type\":\"batchModify\",\"modifies\":[{\"oid\":1234,\"order\":{\"a\":1,\"b\":true,"
                + "\"p\":\"3000.5\",\"s\":\"0.1\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},"
                + "\"c\":\"0x" + "cd".repeat(16) + "\"}}]}", json);
    }

    @Test
    void ordersCarryTheirCloidLast() {
        String json = HyperliquidClient.orderAction(List.of(new HyperliquidClient.WireOrder(0, Side.SELL,
                new BigDecimal("97124"), new BigDecimal("0.00500"), TimeInForce.ALO, "0x" + "ab".repeat(16)))).toString();
        assertEquals("{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":false,\"p\":\"97124\",\"s\":\"0.005\",\"r\":false,"
                + "\"t\":{\"limit\":{\"tif\":\"Alo\"}},\"c\":\"0x" + "ab".repeat(16) + "\"}],\"grouping\":\"na\"}", json);
    }

    @Test
    void aMissingWalletsFileNamesTheConfigKey(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WalletsFile.load(dir.resolve("nope.json"), "execution.wallets-file"));
        assertTrue(e.getMessage().contains("execution.wallets-file"), e.getMessage());
    }

    @Test
    void aBadKeyIsRefusedWithoutEchoingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.json");
        String secretish = "0x" + "z1".repeat(32);
        Files.writeString(file, "[{\"id\":\"w1\",\"privateKey\":\"" + secretish + "\"}]");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WalletsFile.load(file, "k"));
        assertFalse(e.getMessage().contains(secretish.substring(2)), e.getMessage());
        Files.writeString(file, "[{\"id\":\"w1\",\"privateKey\":\"0x" + "3".repeat(64) + "\"}, {\"id\":\"w1\",\"privateKey\":\"0x"
                + "4".repeat(64) + "\"}]");
        assertTrue(assertThrows(IllegalStateException.class, () -> WalletsFile.load(file, "k")).getMessage().contains("duplicate"));
    }

    @Test
    void aWalletNeverPrintsItsKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.json");
        String key = "5".repeat(64);
        Files.writeString(file, "[{\"id\":\"w1\",\"privateKey\":\"0x" + key + "\"}]");
        Wallet w = WalletsFile.load(file, "k").get(0);
        assertFalse(w.toString().contains(key));
        assertFalse(w.toString().contains(w.key().getPrivateKey().toString(16)));
        assertTrue(w.toString().startsWith("w1=0x"));
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void onlyAnErrStatusIsARefusalAnEmptyAnswerLeavesTheOutcomeUnknown() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/exchange", exchange -> {
            byte[] body = answer.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            HyperliquidClient client = new HyperliquidClient(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort()), false, Duration.ofSeconds(5));
            HyperliquidClient.SignedRequest request = new HyperliquidClient.SignedRequest("{}", 1, 1);

            answer.set("{\"status\":\"err\",\"response\":\"Insufficient margin\"}");
            VenueException refused = assertThrows(VenueException.class,
                    () -> client.sendOrders(request));
            assertTrue(refused.refused(), refused.getMessage());
            assertTrue(refused.getMessage().contains("Insufficient margin"), refused.getMessage());

            answer.set("");
            VenueException empty = assertThrows(VenueException.class,
                    () -> client.sendOrders(request));
            assertFalse(empty.refused(), "an empty answer may follow an applied request: " + empty.getMessage());

            answer.set("{\"unexpected\":true}");
            assertFalse(assertThrows(VenueException.class,
                    () -> client.sendScheduleCancel(request)).refused());
        } finally {
            server.stop(0);
        }
    }
}
