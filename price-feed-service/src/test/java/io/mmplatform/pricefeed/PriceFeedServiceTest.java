package io.mmplatform.pricefeed;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.pricefeed.domain.SourcePrice;
import io.mmplatform.pricefeed.domain.SourceSink;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** price-feed against a real broker and a local server speaking Hermes SSE and Hyperliquid /info. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeHermesVenueResource.class, restrictToAnnotatedClass = true)
class PriceFeedServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PriceFeedService service;

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
            assertEquals("pyth", btc.source(), "one source configured: its own name, as before the median");
            assertEquals(List.of("pyth"), btc.sources());
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

    private static SourcePrice price(String source, String price) {
        long now = PriceFeedService.nowNanos();
        return new SourcePrice(source, "TSTQ", new BigDecimal(price), null, now / 1_000_000L, now);
    }

    @Test
    void sourcesOnTheSinkMakeAMedianAndDivergingSourcesGoToMdQuality() {
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE);
             RecordCollector quality = TestKafka.collector(Topics.MD_QUALITY)) {
            service.expectSource("test-a", List.of("TSTQ"));
            service.expectSource("test-b", List.of("TSTQ"));
            SourceSink sink = service.sourceSink();
            sink.onPrice(price("test-a", "100"));
            sink.onPrice(price("test-b", "100.2"));
            ReferencePrice median = Codecs.REFERENCE_PRICE.decode(references.awaitRecord(r -> "TSTQ".equals(r.key())
                    && Codecs.REFERENCE_PRICE.decode(r.value()).sources().size() == 2, WAIT).value());
            assertEquals("median", median.source());
            assertEquals(List.of("test-a", "test-b"), median.sources());
            assertEquals(0, median.price().compareTo(new BigDecimal("100.1")));

            sink.onPrice(price("test-b", "105"));
            DataQuality diverged = Codecs.DATA_QUALITY.decode(quality.awaitRecord(r -> "TSTQ".equals(r.key())
                    && Codecs.DATA_QUALITY.decode(r.value()).state() == QualityState.DIVERGED, WAIT).value());
            assertTrue(diverged.reason().startsWith("max-divergence-bps: TSTQ"), diverged.reason());
            assertEquals(new BigDecimal("105"), diverged.sources().get("test-b"));

            sink.onPrice(price("test-b", "100.1"));
            quality.awaitRecord(r -> "TSTQ".equals(r.key()) && Codecs.DATA_QUALITY.decode(r.value()).state() == QualityState.OK
                    && Codecs.DATA_QUALITY.decode(r.value()).reason().startsWith("recovered"), WAIT);
            references.awaitRecord(r -> "TSTQ".equals(r.key())
                    && Codecs.REFERENCE_PRICE.decode(r.value()).price().compareTo(new BigDecimal("100.05")) == 0, WAIT);
            long diverging = references.records().stream().filter(r -> "TSTQ".equals(r.key()))
                    .filter(r -> Codecs.REFERENCE_PRICE.decode(r.value()).price().compareTo(new BigDecimal("102.5")) == 0).count();
            assertEquals(0, diverging, "no reference while diverged");
        }
        Await.until("quality events are counted", WAIT,
                () -> metric("pricefeed_quality_events_total", "state=\"DIVERGED\"") >= 1);
        Await.until("the age gauge is there", WAIT,
                () -> get(metrics).contains("pricefeed_source_age_seconds{instrument=\"TSTQ\",source=\"test-a\"}"));
        assertTrue(get(metrics).contains("pricefeed_reference_latency_seconds"), "the latency timer");
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
