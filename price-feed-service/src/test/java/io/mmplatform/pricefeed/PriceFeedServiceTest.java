package io.mmplatform.pricefeed;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** price-feed against a real broker and a local server speaking Hermes SSE and Hyperliquid /info. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeHermesVenueResource.class, restrictToAnnotatedClass = true)
class PriceFeedServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/q/metrics")
    URI metrics;
    @TestHTTPResource("/q/health/ready")
    URI ready;

    private static String get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + uri + ": " + e, e);
        }
    }

    private double metric(String name, String label) {
        return get(metrics).lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void hermesPricesLandOnMdReferenceAndAMalformedLineIsSkipped() throws InterruptedException {
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE)) {
            // the fake sends 60000 + n for its n-th event and a malformed line after the 3rd, on one connection
            var record = references.awaitRecord(r -> "BTC".equals(r.key())
                    && Codecs.REFERENCE_PRICE.decode(r.value()).price().compareTo(new BigDecimal("60003")) > 0, WAIT);
            ReferencePrice btc = Codecs.REFERENCE_PRICE.decode(record.value());
            assertEquals("pyth", btc.source());
            assertEquals("BTC", btc.instrument());
            assertEquals(0, btc.conf().compareTo(new BigDecimal("0.015")));
            assertTrue(btc.receiveTimeNanos() > btc.publishTimeMs() * 1_000_000L);
            assertEquals(0, btc.price().remainder(BigDecimal.ONE).signum(), "60000 + n exactly");
            references.awaitRecord(r -> "ETH".equals(r.key()), WAIT);
        }
        Await.until("the malformed line is counted", WAIT, () -> metric("pricefeed_malformed_total", "source=\"pyth\"") >= 1);
        assertEquals(0.0, metric("pricefeed_reconnects_total", "source=\"pyth\""), "the stream went on, no reconnect");
        assertTrue(metric("pricefeed_updates_total", "source=\"pyth\"") > 3);
    }

    @Test
    void venueBooksLandOnMdVenueBookWithIncreasingSeq() {
        try (RecordCollector books = TestKafka.collector(Topics.MD_VENUE_BOOK)) {
            VenueBook first = Codecs.VENUE_BOOK.decode(books.awaitRecord(r -> "hyperliquid/BTC".equals(r.key()), WAIT).value());
            VenueBook later = Codecs.VENUE_BOOK.decode(books.awaitRecord(r -> "hyperliquid/BTC".equals(r.key())
                    && Codecs.VENUE_BOOK.decode(r.value()).seq() > first.seq(), WAIT).value());
            assertEquals("hyperliquid", later.venue());
            assertEquals("BTC", later.market());
            assertEquals(2, later.bids().size());
            assertEquals(new BigDecimal("59990.5"), later.bids().get(0).price());
            assertEquals(new BigDecimal("0.12"), later.bids().get(0).size());
            assertEquals(2, later.bids().get(0).orders());
            assertEquals(new BigDecimal("60010"), later.asks().get(0).price());
            assertTrue(later.venueTimeMs() > first.venueTimeMs());
            books.awaitRecord(r -> "hyperliquid/ETH".equals(r.key()), WAIT);
        }
    }

    @Test
    void readyOnceTheStreamDeliversFreshPrices() throws InterruptedException {
        Await.until("ready", WAIT, () -> get(ready).contains("\"hermes-stream\"") && !get(ready).contains("\"DOWN\""));
        String body = get(ready);
        assertTrue(body.contains("\"connected\": true") || body.contains("\"connected\":true"), body);
    }
}
