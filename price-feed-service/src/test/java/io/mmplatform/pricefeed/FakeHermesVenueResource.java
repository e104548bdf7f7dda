package io.mmplatform.pricefeed;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts a {@link FakeHermesVenue} (API key required) and points price-feed at it. */
public class FakeHermesVenueResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "test-key-not-a-secret";
    private FakeHermesVenue server;

    @Override
    public Map<String, String> start() {
        try {
            server = new FakeHermesVenue(API_KEY, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "price-feed.hermes.url", server.baseUrl(),
                "price-feed.hermes.api-key", API_KEY,
                "price-feed.venue.url", server.baseUrl(),
                "price-feed.venue.markets", "BTC,ETH");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
