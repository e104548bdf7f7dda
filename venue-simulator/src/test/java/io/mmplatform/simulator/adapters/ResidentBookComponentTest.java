package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.ResidentBook;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ETH with a resident ladder 20% above the reference, as /sim/status and the book show it while takers run. */
@QuarkusTest
@TestProfile(ResidentBookComponentTest.Resident.class)
class ResidentBookComponentTest {
    public static class Resident implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.market.ETH.resident.offset-pct", "20",
                    "simulator.market.ETH.resident.levels", "5");
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL base;

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void statusShowsTheResidentOrdersLeft() throws Exception {
        Thread.sleep(1500); // takers (20/s per market in the test profile) run meanwhile
        JsonNode status = get("/sim/status");
        assertEquals(ResidentBook.ADDRESS, status.get("residentAddress").asText());
        JsonNode btc = status.get("markets").get(0);
        JsonNode eth = status.get("markets").get(1);
        assertTrue(btc.get("resident").isNull());
        JsonNode resident = eth.get("resident");
        assertEquals(10, resident.get("placed").asInt());
        assertEquals(10, resident.get("ordersLeft").asInt(), resident.toString());
        assertEquals(5, resident.get("bidsLeft").asInt());
        assertEquals(5, resident.get("asksLeft").asInt());
        BigDecimal reference = new BigDecimal(eth.get("referencePrice").asText());
        BigDecimal bestBid = new BigDecimal(eth.get("bestBid").asText());
        assertTrue(bestBid.compareTo(reference.multiply(new BigDecimal("1.15"))) > 0,
                "the venue's best bid is the resident's, far above the reference: " + eth);
        assertTrue(status.get("orders").get("takerSkips").asLong() > 0, status.toString());
    }
}
