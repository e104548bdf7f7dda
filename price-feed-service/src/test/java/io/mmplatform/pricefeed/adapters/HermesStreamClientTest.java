package io.mmplatform.pricefeed.adapters;

import io.mmplatform.pricefeed.FakeHermesVenue;
import io.mmplatform.pricefeed.domain.HermesPrice;
import io.mmplatform.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hermes client against a local server speaking Hermes SSE. */
class HermesStreamClientTest {

    private static final class Recorder implements HermesStreamClient.Listener {
        final List<String> prices = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();

        @Override
        public void onPrice(String instrument, HermesPrice price, long receiveTimeNanos) {
            prices.add(instrument + "=" + price.price().stripTrailingZeros().toPlainString());
        }

        @Override
        public void onMalformed(String reason) {
            malformed.add(reason);
        }

        @Override
        public void onDisconnected(String reason, Duration retryIn) {
            disconnects.add(reason);
        }
    }

    private static HermesStreamClient client(FakeHermesVenue server, Recorder recorder, String key, Duration idle) {
        HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                Map.of(FakeHermesVenue.BTC_ID, "BTC"), Optional.ofNullable(key), Duration.ofMillis(50),
                Duration.ofMillis(200), idle);
        return new HermesStreamClient(settings, HttpClient.newHttpClient(), recorder);
    }

    @Test
    void skipsAMalformedEventAndReconnectsWhenTheStreamEnds() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue("k-123", 5, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, "k-123", Duration.ofSeconds(30))) {
                assertTrue(client.streamUri().toString().endsWith(
                        "/v2/updates/price/stream?ids%5B%5D=" + FakeHermesVenue.BTC_ID + "&parsed=true"));
                client.start();
                Await.until("a second connection delivers prices", Duration.ofSeconds(20), () -> server.connections() >= 2 && recorder.prices.size() >= 7);
            }
            // first connection: 60001..60005 with a malformed event after the 3rd, which did not stop the stream
            assertEquals(List.of("BTC=60001", "BTC=60002", "BTC=60003", "BTC=60004", "BTC=60005", "BTC=60001"),
                    recorder.prices.subList(0, 6));
            assertTrue(recorder.malformed.get(0).startsWith("not JSON"), recorder.malformed.get(0));
            assertEquals("stream closed by the server", recorder.disconnects.get(0));
            assertTrue(server.authorizations().stream().allMatch("Bearer k-123"::equals));
        }
    }

    @Test
    void retriesWithBackoffOnAnHttpError() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue("right", 0, false)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, "wrong", Duration.ofSeconds(30))) {
                client.start();
                Await.until("three refused attempts", Duration.ofSeconds(20), () -> recorder.disconnects.size() >= 3);
                assertEquals("HTTP 401", recorder.disconnects.get(0));
                assertTrue(recorder.prices.isEmpty());
                assertTrue(!client.isConnected());
            }
        }
    }

    @Test
    void reconnectsWhenTheStreamGoesSilent() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, true)) {
            Recorder recorder = new Recorder();
            try (HermesStreamClient client = client(server, recorder, null, Duration.ofMillis(300))) {
                client.start();
                Await.until("a reconnect after the idle timeout", Duration.ofSeconds(20), () -> server.connections() >= 2);
                assertTrue(server.authorizations().stream().allMatch("null"::equals), "no key, no header");
            }
        }
    }

    @Test
    void pricesAreExactDecimals() throws Exception {
        try (FakeHermesVenue server = new FakeHermesVenue(null, 0, false)) {
            List<BigDecimal> prices = new CopyOnWriteArrayList<>();
            HermesStreamClient.Settings settings = new HermesStreamClient.Settings(URI.create(server.baseUrl()),
                    Map.of(FakeHermesVenue.ETH_ID, "ETH"), Optional.empty(), Duration.ofMillis(50),
                    Duration.ofMillis(200), Duration.ofSeconds(30));
            try (HermesStreamClient client = new HermesStreamClient(settings, HttpClient.newHttpClient(),
                    (instrument, price, nanos) -> prices.add(price.price()))) {
                client.start();
                Await.until("a price", Duration.ofSeconds(20), () -> !prices.isEmpty());
            }
            assertEquals(new BigDecimal("3001.00000000"), prices.get(0));
        }
    }
}
