package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault injection over real HTTP: the admin endpoint and what each fault does to a client. */
@QuarkusTest
class FaultInjectionComponentTest {
    static final String ALL_OFF = "{\"latencyMs\":0,\"jitterMs\":0,\"rejectRate\":0.0,\"lostAnswerRate\":0.0,"
            + "\"burst429EverySeconds\":0,\"burst429DurationMs\":0,\"paused\":false,\"wsDropEverySeconds\":0,"
            + "\"hermesFrozenCoins\":[],\"injectiveSequenceRaceRate\":0.0,\"injectiveDroppedBroadcastRate\":0.0}";

    @TestHTTPResource("/")
    URL base;

    HttpResponse<String> post(String path, String body) throws Exception {
        return SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> faults(String patch) throws Exception {
        return post("/sim/faults", patch);
    }

    @AfterEach
    void allOff() throws Exception {
        assertEquals(ALL_OFF, faults(ALL_OFF).body());
    }

    String orderBody(ECKeyPair key, BigDecimal px) {
        return SimulatorComponentTest.signed(key,
                SimulatorComponentTest.order(0, true, px, new BigDecimal("0.001"), "Gtc", null),
                SimulatorComponentTest.NONCES.next());
    }

    BigDecimal farBid() throws Exception {
        HttpResponse<String> r = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "v2/updates/price/latest?ids%5B%5D=" + SimulatorComponentTest.BTC_FEED)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        BigDecimal ref = new BigDecimal(Json.MAPPER.readTree(r.body()).get("parsed").get(0).get("price").get("price")
                .textValue()).movePointLeft(8);
        return HyperliquidWire.roundPrice(ref.multiply(new BigDecimal("0.5")), 5, true, RoundingMode.DOWN);
    }

    JsonNode openOrders(ECKeyPair key) throws Exception {
        HttpResponse<String> r = post("/info", "{\"type\":\"openOrders\",\"user\":\""
                + HyperliquidSigner.address(key) + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void settingsRoundTripThroughTheEndpoint() throws Exception {
        HttpResponse<String> get = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "sim/faults")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals(Json.MAPPER.readTree(ALL_OFF), Json.MAPPER.readTree(get.body()));

        HttpResponse<String> set = faults("{\"rejectRate\":0.05,\"jitterMs\":3}");
        assertEquals(200, set.statusCode(), set.body());
        JsonNode now = Json.MAPPER.readTree(set.body());
        assertEquals(0.05, now.get("rejectRate").doubleValue());
        assertEquals(3, now.get("jitterMs").longValue());
        assertEquals(0, now.get("latencyMs").longValue(), "fields not sent keep their value");
        HttpResponse<String> again = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "sim/faults")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(now, Json.MAPPER.readTree(again.body()));

        HttpResponse<String> unknown = faults("{\"dropRate\":1}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("dropRate"), unknown.body());
        HttpResponse<String> bad = faults("{\"lostAnswerRate\":2,\"latencyMs\":5}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("lostAnswerRate"), bad.body());
        assertEquals(now, Json.MAPPER.readTree(faults("{}").body()), "a refused change changes nothing");
    }

    JsonNode latestBtc() throws Exception {
        HttpResponse<String> r = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "v2/updates/price/latest?ids%5B%5D=" + SimulatorComponentTest.BTC_FEED)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("parsed").get(0).get("price");
    }

    @Test
    void aFrozenHermesCoinKeepsItsPriceUntilThawed() throws Exception {
        HttpResponse<String> set = faults("{\"hermesFrozenCoins\":[\"BTC\"]}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("[\"BTC\"]", Json.MAPPER.readTree(set.body()).get("hermesFrozenCoins").toString());
        Thread.sleep(600); // a few reference ticks (200 ms in tests): the first one after the freeze is the frozen price
        JsonNode frozen = latestBtc();
        Thread.sleep(600);
        assertEquals(frozen, latestBtc(), "latest answers the frozen price, publish_time included");

        faults("{\"hermesFrozenCoins\":[]}");
        long thawedAt = frozen.get("publish_time").longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (latestBtc().get("publish_time").longValue() <= thawedAt) {
            assertTrue(System.nanoTime() < deadline, "BTC ticks again after the thaw");
            Thread.sleep(100);
        }

        HttpResponse<String> bad = faults("{\"hermesFrozenCoins\":\"BTC\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("hermesFrozenCoins"), bad.body());
    }

    @Test
    void rejectRateOneRejectsAndAppliesNothing() throws Exception {
        ECKeyPair key = SimulatorComponentTest.key("0x5555555555555555555555555555555555555555555555555555555555555555");
        faults("{\"rejectRate\":1}");
        HttpResponse<String> r = post("/exchange", orderBody(key, farBid()));
        assertEquals(200, r.statusCode());
        JsonNode status = SimulatorComponentTest.status0(Json.MAPPER.readTree(r.body()));
        assertEquals("{\"error\":\"Simulated venue rejection\"}", status.toString());
        assertEquals(0, openOrders(key).size());
    }

    @Test
    void lostAnswerAppliesTheOrderButClosesTheConnection() throws Exception {
        ECKeyPair key = SimulatorComponentTest.key("0x6666666666666666666666666666666666666666666666666666666666666666");
        String body = orderBody(key, farBid());
        faults("{\"lostAnswerRate\":1}");
        assertThrows(IOException.class, () -> post("/exchange", body));
        faults(ALL_OFF);
        assertEquals(1, openOrders(key).size(), "the order was applied");
    }

    @Test
    void burst429AnswersTooManyRequestsAndAppliesNothing() throws Exception {
        ECKeyPair key = SimulatorComponentTest.key("0x7777777777777777777777777777777777777777777777777777777777777777");
        String body = orderBody(key, farBid());
        faults("{\"burst429EverySeconds\":1,\"burst429DurationMs\":1000}");
        HttpResponse<String> info = post("/info", "{\"type\":\"meta\"}");
        assertEquals(429, info.statusCode());
        assertEquals("{\"status\":\"err\",\"response\":\"Too many requests\"}", info.body());
        HttpResponse<String> exchange = post("/exchange", body);
        assertEquals(429, exchange.statusCode());
        assertEquals("{\"status\":\"err\",\"response\":\"Too many requests\"}", exchange.body());
        faults(ALL_OFF);
        assertEquals(0, openOrders(key).size());
        assertEquals(200, post("/exchange", body).statusCode(), "the nonce was not used up by the refused request");
        assertEquals(1, openOrders(key).size());
    }

    @Test
    void pausedRefusesExchangeAndKeepsRestingOrders() throws Exception {
        ECKeyPair key = SimulatorComponentTest.key("0x8888888888888888888888888888888888888888888888888888888888888888");
        assertEquals(200, post("/exchange", orderBody(key, farBid())).statusCode());
        faults("{\"paused\":true}");
        HttpResponse<String> r = post("/exchange", orderBody(key, farBid()));
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"err\",\"response\":\"Venue is paused\"}", r.body());
        assertEquals(1, openOrders(key).size(), "the resting order stays, the new one was not applied");
    }
}
