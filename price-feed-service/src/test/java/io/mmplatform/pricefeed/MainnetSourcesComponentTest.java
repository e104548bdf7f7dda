package io.mmplatform.pricefeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * price-feed with all three price sources (Pyth Hermes SSE, Injective LCD polling, Hyperliquid WebSocket) against
 * local servers speaking their protocols ({@link MainnetSourcesResource}) and a real Kafka broker: the median of
 * the three on md.reference, DIVERGED / OK on md.quality when one source moves away and back, a frozen source
 * leaving the median, the sources' health and metrics, and their depth on md.source-book.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MainnetSourcesResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainnetSourcesComponentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> ALL_THREE = List.of("hyperliquid", "injective", "pyth");
    /** price-feed.reference.max-divergence-bps (default 100): an OK reference's conf (>= half the spread) stays below. */
    private static final BigDecimal MAX_OK_CONF = new BigDecimal("60000").multiply(new BigDecimal("0.01"))
            .divide(BigDecimal.valueOf(2)).multiply(new BigDecimal("1.1"));

    @TestHTTPResource("/q/metrics")
    URI metrics;
    @TestHTTPResource("/q/health/ready")
    URI ready;

    @AfterEach
    void sourcesBackToNormal() {
        MainnetSourcesResource.injectiveFactor = BigDecimal.ONE;
        MainnetSourcesResource.hyperliquidFactor = BigDecimal.ONE;
        MainnetSourcesResource.hyperliquidLive = true;
    }

    private static String get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + uri + ": " + e, e);
        }
    }

    private double metric(String name, String... labels) {
        return get(metrics).lines()
                .filter(l -> l.startsWith(name + "{") && List.of(labels).stream().allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static ReferencePrice reference(ConsumerRecord<String, String> record) {
        return Codecs.REFERENCE_PRICE.decode(record.value());
    }

    private static DataQuality quality(ConsumerRecord<String, String> record) {
        return Codecs.DATA_QUALITY.decode(record.value());
    }

    private static Predicate<ConsumerRecord<String, String>> btcReference(Predicate<ReferencePrice> match) {
        return r -> "BTC".equals(r.key()) && match.test(reference(r));
    }

    private static Predicate<ConsumerRecord<String, String>> btcQuality(Predicate<DataQuality> match) {
        return r -> "BTC".equals(r.key()) && match.test(quality(r));
    }

    @Test
    @Order(1)
    void threeFreshCloseSourcesMakeAMedianReference() {
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE)) {
            ReferencePrice btc = reference(references.awaitRecord(btcReference(
                    r -> r.sources().containsAll(ALL_THREE)), WAIT));
            assertEquals("median", btc.source());
            assertEquals(ALL_THREE, btc.sources(), "every source fresh and within the divergence limit");
            BigDecimal hermesNow = MainnetSourcesResource.hermesBtc();
            assertTrue(btc.price().compareTo(new BigDecimal("60000")) > 0 && btc.price().compareTo(hermesNow.add(BigDecimal.TEN)) <= 0,
                    "the median of prices around 60000 + n: " + btc.price() + " (Hermes now " + hermesNow + ")");
            assertTrue(btc.conf().compareTo(new BigDecimal("50")) < 0, "close sources, small conf: " + btc.conf());
        }
    }

    @Test
    @Order(2)
    void injectiveMovingAwayIsDivergedWithoutReferencesUntilItComesBack() {
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE);
             RecordCollector quality = TestKafka.collector(Topics.MD_QUALITY)) {
            references.awaitRecord(btcReference(r -> r.sources().containsAll(ALL_THREE)), WAIT);

            MainnetSourcesResource.injectiveFactor = new BigDecimal("1.05");
            DataQuality diverged = quality(quality.awaitRecord(btcQuality(q -> q.state() == QualityState.DIVERGED), WAIT));
            assertTrue(diverged.reason().startsWith("max-divergence-bps: BTC"), diverged.reason());
            assertTrue(diverged.reason().contains("injective"), "names the far source: " + diverged.reason());
            BigDecimal far = diverged.sources().get("injective");
            assertNotNull(far, "injective's price in the DIVERGED record: " + diverged.sources());
            assertTrue(far.compareTo(new BigDecimal("62900")) > 0, "injective 5 % up: " + far);
            assertNotNull(diverged.sources().get("pyth"), diverged.sources().toString());

            // stay diverged while injective keeps delivering its far price (more polls reach the aggregator)
            double injectiveUpdates = metric("pricefeed_updates_total", "source=\"injective\"", "instrument=\"BTC\"");
            Await.until("injective delivers far prices while diverged", WAIT,
                    () -> metric("pricefeed_updates_total", "source=\"injective\"", "instrument=\"BTC\"") >= injectiveUpdates + 5);

            MainnetSourcesResource.injectiveFactor = BigDecimal.ONE;
            DataQuality ok = quality(quality.awaitRecord(btcQuality(q -> q.state() == QualityState.OK
                    && q.timeMs() >= diverged.timeMs()), WAIT));
            assertTrue(ok.reason().startsWith("recovered from DIVERGED"), ok.reason());
            ReferencePrice back = reference(references.awaitRecord(btcReference(r -> r.sources().containsAll(ALL_THREE)
                    && r.receiveTimeNanos() / 1_000_000L >= ok.timeMs() - 1000), WAIT));
            assertEquals("median", back.source());

            List<ReferencePrice> btc = references.records().stream().filter(r -> "BTC".equals(r.key()))
                    .map(MainnetSourcesComponentTest::reference).toList();
            for (ReferencePrice r : btc) {
                assertTrue(r.conf().compareTo(MAX_OK_CONF) <= 0, "a reference made of diverged prices: " + r);
            }
            // while diverged (between the DIVERGED decision and, with a second's margin, the price that recovered)
            long whileDiverged = btc.stream().filter(r -> r.receiveTimeNanos() / 1_000_000L > diverged.timeMs()
                    && r.receiveTimeNanos() / 1_000_000L < ok.timeMs() - 1000).count();
            assertEquals(0, whileDiverged, "no md.reference for BTC while DIVERGED");
        }
    }

    @Test
    @Order(3)
    void healthAndMetricsShowTheMainnetSourcesAndTheirDepthGoesToMdSourceBook() {
        Await.until("injective and hyperliquid up in readiness", WAIT, () -> {
            JsonNode data = readinessData();
            return data.path("source.injective.up").asBoolean(false) && data.path("source.hyperliquid.up").asBoolean(false);
        });
        JsonNode data = readinessData();
        assertTrue(data.path("source.pyth.up").asBoolean(false), data.toString());
        assertEquals("OK", data.path("quality.BTC").asText(), data.toString());

        Await.until("pricefeed_updates_total of injective and hyperliquid for BTC", WAIT,
                () -> metric("pricefeed_updates_total", "source=\"injective\"", "instrument=\"BTC\"") > 0
                        && metric("pricefeed_updates_total", "source=\"hyperliquid\"", "instrument=\"BTC\"") > 0);
        String text = get(metrics);
        assertTrue(text.contains("pricefeed_source_age_seconds{instrument=\"BTC\",source=\"injective\"}"), "injective age gauge");
        assertTrue(text.contains("pricefeed_source_age_seconds{instrument=\"BTC\",source=\"hyperliquid\"}"), "hyperliquid age gauge");
        assertEquals(0.0, metric("pricefeed_malformed_total", "source=\"injective\""), "every LCD answer parsed");
        assertEquals(0.0, metric("pricefeed_malformed_total", "source=\"hyperliquid\""), "every venue message parsed");

        try (RecordCollector books = TestKafka.collector(Topics.MD_SOURCE_BOOK)) {
            VenueBook injective = Codecs.VENUE_BOOK.decode(books.awaitRecord(r -> "injective/BTC".equals(r.key()), WAIT).value());
            assertEquals("injective", injective.venue());
            assertEquals(2, injective.bids().size());
            assertEquals(1, injective.asks().size());
            assertEquals(new BigDecimal("0.25"), injective.bids().get(0).size());
            assertTrue(injective.bids().get(0).price().compareTo(injective.asks().get(0).price()) < 0, injective.toString());
            VenueBook hyperliquid = Codecs.VENUE_BOOK.decode(books.awaitRecord(r -> "hyperliquid/BTC".equals(r.key()), WAIT).value());
            assertEquals("hyperliquid", hyperliquid.venue());
            assertEquals(2, hyperliquid.bids().size());
            assertEquals(3, hyperliquid.bids().get(0).orders());
            assertEquals(new BigDecimal("0.4"), hyperliquid.asks().get(0).size());
        }
        // the target venue's Injective books (price-feed.injective-venue) go to md.venue-book, not md.source-book
        try (RecordCollector venueBooks = TestKafka.collector(Topics.MD_VENUE_BOOK)) {
            VenueBook first = Codecs.VENUE_BOOK.decode(venueBooks.awaitRecord(r -> "injective/BTC/USDT".equals(r.key()), WAIT).value());
            VenueBook later = Codecs.VENUE_BOOK.decode(venueBooks.awaitRecord(r -> "injective/BTC/USDT".equals(r.key())
                    && Codecs.VENUE_BOOK.decode(r.value()).seq() > first.seq(), WAIT).value());
            assertEquals("injective", later.venue());
            assertEquals("BTC/USDT", later.market());
            assertEquals(2, later.bids().size());
            assertEquals(new BigDecimal("0.25"), later.bids().get(0).size());
        }
        Await.until("the Injective venue books are counted", WAIT,
                () -> metric("pricefeed_venue_books_total", "venue=\"injective\"", "market=\"BTC/USDT\"") > 0);
    }

    private JsonNode readinessData() {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(get(ready));
        } catch (Exception e) {
            throw new AssertionError("readiness is not JSON: " + e, e);
        }
        for (JsonNode check : root.path("checks")) {
            if ("hermes-stream".equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        throw new AssertionError("no hermes-stream check in " + root);
    }

    @Test
    @Order(4)
    void aFrozenHyperliquidGoesStaleAndTheMedianGoesOnWithoutIt() {
        try (RecordCollector references = TestKafka.collector(Topics.MD_REFERENCE)) {
            references.awaitRecord(btcReference(r -> r.sources().containsAll(ALL_THREE)), WAIT);

            MainnetSourcesResource.hyperliquidLive = false;
            // price-feed.reference.staleness.hyperliquid = 2s: references made after that lack it
            long frozenMs = System.currentTimeMillis();
            ReferencePrice without = reference(references.awaitRecord(btcReference(r -> !r.sources().contains("hyperliquid")
                    && r.receiveTimeNanos() / 1_000_000L > frozenMs + 4000), WAIT));
            assertEquals("median", without.source(), "three sources are still expected");
            assertEquals(List.of("injective", "pyth"), without.sources());
            ReferencePrice later = reference(references.awaitRecord(btcReference(
                    r -> r.receiveTimeNanos() > without.receiveTimeNanos() && r.price().compareTo(without.price()) > 0), WAIT));
            assertEquals(List.of("injective", "pyth"), later.sources(), "the median goes on without the frozen source");
            assertFalse(references.records().stream().filter(r -> "BTC".equals(r.key())).map(MainnetSourcesComponentTest::reference)
                    .anyMatch(r -> r.sources().contains("hyperliquid") && r.receiveTimeNanos() / 1_000_000L > frozenMs + 4000),
                    "no reference with the frozen source once it is stale");
        } finally {
            MainnetSourcesResource.hyperliquidLive = true;
        }
    }
}
