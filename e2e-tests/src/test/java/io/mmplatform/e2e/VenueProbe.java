package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the simulator through the Hyperliquid /info dialect and the portfolio through its API, as an operator would. */
final class VenueProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String venueUrl;
    private final String portfolioUrl;

    VenueProbe(String venueUrl, String portfolioUrl) {
        this.venueUrl = venueUrl;
        this.portfolioUrl = portfolioUrl;
    }

    JsonNode info(String body) {
        return send(HttpRequest.newBuilder(URI.create(venueUrl + "/info"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * An /info answer, or empty when the venue answered 429 or the connection failed: for sampling while faults are
     * injected (a sample that could not be taken is skipped, never read as "no orders").
     */
    Optional<JsonNode> tryInfo(String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(venueUrl + "/info"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("/info answered " + response.statusCode() + ": " + response.body());
            }
            return Optional.of(Json.MAPPER.readTree(response.body()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The venue's open orders of an address (coin, side B|A, limitPx, oid, cloid...), empty on a 429. */
    Optional<JsonNode> openOrderList(String address) {
        return tryInfo("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}");
    }

    /** One market of GET /sim/status: referencePrice, bestBid, bestAsk, resident (centre, ordersLeft ...). */
    JsonNode simMarket(String market) {
        for (JsonNode m : send(HttpRequest.newBuilder(URI.create(venueUrl + "/sim/status")).GET().build()).path("markets")) {
            if (m.path("name").asText().equals(market)) {
                return m;
            }
        }
        throw new AssertionError("the simulator does not list market " + market);
    }

    /** GET /sim/faults: the simulator's fault settings. */
    JsonNode faults() {
        return send(HttpRequest.newBuilder(URI.create(venueUrl + "/sim/faults")).GET().build());
    }

    /** POST /sim/faults with a subset of the settings; answers the new settings. */
    JsonNode setFaults(String json) {
        return send(HttpRequest.newBuilder(URI.create(venueUrl + "/sim/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    int openOrders(String address) {
        return info("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}").size();
    }

    /** Open orders of an address on one coin. */
    int openOrders(String address, String coin) {
        int n = 0;
        for (JsonNode o : info("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}")) {
            if (o.path("coin").asText().equals(coin)) {
                n++;
            }
        }
        return n;
    }

    int userFills(String address) {
        return info("{\"type\":\"userFills\",\"user\":\"" + address + "\"}").size();
    }

    /** coin -> signed size, as the venue's clearinghouse holds it. */
    Map<String, BigDecimal> venuePositions(String address) {
        Map<String, BigDecimal> positions = new HashMap<>();
        for (JsonNode asset : info("{\"type\":\"clearinghouseState\",\"user\":\"" + address + "\"}").path("assetPositions")) {
            JsonNode position = asset.path("position");
            BigDecimal size = new BigDecimal(position.path("szi").asText());
            if (size.signum() != 0) {
                positions.put(position.path("coin").asText(), size);
            }
        }
        return positions;
    }

    /** market -> signed size, as portfolio-service's API shows it for an address. */
    Map<String, BigDecimal> portfolioPositions(String address) {
        Map<String, BigDecimal> positions = new HashMap<>();
        for (JsonNode row : portfolio()) {
            BigDecimal size = new BigDecimal(row.path("size").asText());
            if (row.path("wallet").asText().equalsIgnoreCase(address) && size.signum() != 0) {
                positions.put(row.path("market").asText(), size);
            }
        }
        return positions;
    }

    JsonNode portfolio() {
        return send(HttpRequest.newBuilder(URI.create(portfolioUrl + "/api/positions")).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
