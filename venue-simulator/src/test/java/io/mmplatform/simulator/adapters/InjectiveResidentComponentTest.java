package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both Injective books start with a resident ladder 20% above the INJ reference (simulator.injective.resident.*, as
 * ./mm up sets it): the LCD's order book and mid, and /sim/status, show it while the takers run.
 */
@QuarkusTest
@TestProfile(InjectiveResidentComponentTest.Resident.class)
class InjectiveResidentComponentTest {
    public static class Resident implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.injective.resident.offset-pct", "20",
                    "simulator.injective.resident.levels", "5",
                    "simulator.injective.resident.size-notional", "300");
        }
    }

    @TestHTTPResource("/")
    URL base;

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    @Test
    void bothBooksRestTheLadderAboveTheReference() throws Exception {
        Thread.sleep(1000); // takers (20/s per market in the test profile) run meanwhile
        JsonNode status = get("/sim/status");
        BigDecimal reference = null;
        int seen = 0;
        for (JsonNode market : status.get("markets")) {
            String name = market.get("name").asText();
            if (name.equals("INJ")) {
                assertTrue(market.get("resident").isNull(), "INJ on Hyperliquid has no ladder here: " + market);
                reference = dec(market.get("referencePrice"));
            }
            if (name.equals("INJ/USDT") || name.equals("INJ/USDT PERP")) {
                seen++;
                JsonNode resident = market.get("resident");
                assertEquals(10, resident.get("placed").asInt(), market.toString());
                assertEquals(10, resident.get("ordersLeft").asInt(), "takers leave it alone: " + market);
            }
        }
        assertEquals(2, seen, status.toString());
        BigDecimal floor = reference.multiply(new BigDecimal("1.15"));
        for (String path : new String[]{"spot/orderbook/" + InjectiveComponentTest.SPOT + "?limit=10",
                "derivative/orderbook/" + InjectiveComponentTest.PERP + "?limit=10"}) {
            JsonNode book = get("/injective/exchange/v2/" + path);
            assertEquals(5, book.get("buys_price_level").size(), book.toString());
            assertEquals(5, book.get("sells_price_level").size(), book.toString());
            BigDecimal bestBid = dec(book.get("buys_price_level").get(0).get("p"));
            assertTrue(bestBid.compareTo(floor) > 0, "best bid " + bestBid + " is the resident's, 20% above "
                    + reference);
            for (JsonNode level : book.get("buys_price_level")) {
                // about 300 USDT a level, rounded up to whole lots of 0.001
                BigDecimal notional = dec(level.get("p")).multiply(dec(level.get("q")));
                assertTrue(notional.compareTo(new BigDecimal("300")) >= 0
                        && notional.compareTo(new BigDecimal("300.1")) < 0, level.toString());
            }
        }
        JsonNode tob = get("/injective/exchange/v2/derivative/mid_price_and_tob/" + InjectiveComponentTest.PERP);
        assertTrue(dec(tob.get("mid_price")).compareTo(floor) > 0, tob.toString());
    }
}
