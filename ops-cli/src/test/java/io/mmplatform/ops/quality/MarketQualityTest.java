package io.mmplatform.ops.quality;

import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.ops.quality.MarketQuality.Band;
import io.mmplatform.ops.quality.MarketQuality.MarketReport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every expected number below is worked out by hand in the comments. */
class MarketQualityTest {
    private static final long S = 1_000_000_000L; // one second in nanos
    private static final String VENUE = "hyperliquid";

    private static MarketQuality quality() {
        return new MarketQuality(new MarketQuality.Settings(new BigDecimal("50"), new BigDecimal("1000"), Set.of()));
    }

    private static ReferencePrice reference(String instrument, String price, long timeNanos) {
        return new ReferencePrice(instrument, "pyth", new BigDecimal(price), BigDecimal.ZERO, timeNanos / 1_000_000L, timeNanos);
    }

    /** Levels written "price x size, price x size", e.g. {@code "99.9x20,99.8x5"}; "" is an empty side. */
    private static VenueBook book(String market, long timeNanos, String bids, String asks) {
        return new VenueBook(VENUE, market, timeNanos, timeNanos / 1_000_000L, timeNanos, levels(bids), levels(asks));
    }

    private static List<PriceLevel> levels(String text) {
        List<PriceLevel> levels = new ArrayList<>();
        for (String level : text.isEmpty() ? new String[0] : text.split(",")) {
            String[] parts = level.split("x");
            levels.add(new PriceLevel(new BigDecimal(parts[0]), new BigDecimal(parts[1]), 1));
        }
        return levels;
    }

    private static OrderEvent order(String market, OrderEventType event, String reason) {
        return new OrderEvent("w1", VENUE, market, event, "0x01", null, Side.BUY, BigDecimal.ONE, BigDecimal.ONE, reason, 1L, 0L);
    }

    private static MarketReport only(MarketQuality quality) {
        List<MarketReport> reports = quality.report();
        assertEquals(1, reports.size(), reports.toString());
        return reports.get(0);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void trackingErrorIsAgainstTheLatestReferenceAtOrBeforeTheBook() {
        MarketQuality q = quality();
        q.onReference(reference("BTC", "100", 100 * S));
        q.onReference(reference("BTC", "200", 450 * S));
        q.onReference(reference("ETH", "1", 10 * S)); // another instrument: never used for BTC
        q.onBook(book("BTC", 50 * S, "99.99x1", "100.01x1"));   // before any BTC reference: a sample, no tracking error
        q.onBook(book("BTC", 100 * S, "100.00x1", "100.02x1")); // mid 100.01 vs 100 (same time: at or before) = 1 bps
        q.onBook(book("BTC", 200 * S, "100.01x1", "100.03x1")); // mid 100.02 = 2 bps
        q.onBook(book("BTC", 300 * S, "99.96x1", "99.98x1"));   // mid 99.97 = |-3| bps
        q.onBook(book("BTC", 400 * S, "99.9x1", ""));           // one side only: not a sample
        q.onBook(book("BTC", 500 * S, "200.09x1", "200.11x1")); // mid 200.10 vs 200 = 5 bps
        q.onBook(book("BTC", 600 * S, "201.99x1", "202.01x1")); // mid 202 vs 200 = 100 bps
        MarketReport r = only(q);
        assertEquals(7, r.books());
        assertEquals(6, r.samples());
        // errors sorted 1, 2, 3, 5, 100: p50 at rank ceil(2.5) = 3 -> 3; p99 at rank ceil(4.95) = 5 -> 100
        assertEquals(new MarketQuality.Tracking(5, d("3.00"), d("100.00"), d("100.00")), r.tracking());
    }

    @Test
    void trackingErrorIsExactAndRoundedOnlyInTheReport() {
        MarketQuality q = quality();
        q.onReference(reference("SOL", "3", S));
        q.onBook(book("SOL", 2 * S, "3.0000x1", "3.0002x1")); // mid 3.0001: 0.0001 / 3 x 10000 = 0.3333... bps
        q.onBook(book("SOL", 3 * S, "2.9990x1", "2.9994x1")); // mid 2.9992: 0.0008 / 3 x 10000 = 2.6666... bps
        MarketQuality.Tracking t = only(q).tracking();
        assertEquals(d("0.33"), t.p50Bps());
        assertEquals(d("2.67"), t.p99Bps());
        assertEquals(d("2.67"), t.maxBps());
    }

    @Test
    void percentilesAreNearestRank() {
        List<BigDecimal> values = IntStream.rangeClosed(1, 200).mapToObj(BigDecimal::valueOf).toList();
        assertEquals(d("100"), MarketQuality.percentile(values, 50));  // rank 100
        assertEquals(d("198"), MarketQuality.percentile(values, 99));  // rank 198
        assertEquals(d("7"), MarketQuality.percentile(List.of(d("7")), 99));
    }

    @Test
    void noReferenceMeansNoTrackingErrorButTheBookIsStillMeasured() {
        MarketQuality q = quality();
        q.onReference(reference("BTC", "100", 10 * S)); // after the book
        q.onBook(book("BTC", 5 * S, "99.9x1", "100.1x1"));
        MarketReport r = only(q);
        assertEquals(1, r.samples());
        assertNull(r.tracking());
        assertNull(r.uptime(), "one book opens no interval");
    }

    @Test
    void depthBandsCountLevelsAndNotionalWithinEachBandAveragedOverTheSamples() {
        MarketQuality q = quality();
        // mid (99.9 + 100.1) / 2 = 100. Bids: 99.9 (10 bps, 999), 99.8 (20 bps, 499), 99.6 (40 bps, 199.2),
        // 99.2 (80 bps, 99.2), 98 (200 bps, 98). Asks: 100.1 (10 bps, 300.3), 100.5 (50 bps, 402), 101 (100 bps, 101).
        q.onBook(book("BTC", S, "99.9x10,99.8x5,99.6x2,99.2x1,98x1", "100.1x3,100.5x4,101x1"));
        // mid 100, one level a side at 10 bps: 99.9 and 100.1
        q.onBook(book("BTC", 2 * S, "99.9x1", "100.1x1"));
        // sample 1: 25 bps  bid 2 levels 1498,   ask 1 level 300.3
        //           50 bps  bid 3 levels 1697.2, ask 2 levels 702.3 (a level at exactly 50 bps counts)
        //           100 bps bid 4 levels 1796.4, ask 3 levels 803.3
        // sample 2: every band bid 1 level 99.9, ask 1 level 100.1
        assertEquals(List.of(
                new Band(25, d("1.50"), d("1.00"), d("798.95"), d("200.20")),
                new Band(50, d("2.00"), d("1.50"), d("898.55"), d("401.20")),
                new Band(100, d("2.50"), d("2.00"), d("948.15"), d("451.70"))), only(q).depth());
    }

    @Test
    void theLiquidityScoreCountsTheSmallerSideWithADistanceFloorOfOneBp() {
        MarketQuality q = quality();
        // mid 100. Bid 99.995 x 2: 0.5 bps away, floored to 1: 199.99 / 1 = 199.99.
        // Asks 100.005 x 1 (0.5 bps -> 1): 100.005; 100.1 x 10 (10 bps): 1001 / 10 = 100.1; ask side 200.105.
        // Smaller side: the bids, 199.99.
        q.onBook(book("BTC", S, "99.995x2", "100.005x1,100.1x10"));
        // mid 100. Bid 99.9 x 10: 999 / 10 = 99.9; ask 100.1 x 1: 100.1 / 10 = 10.01. Smaller side: the asks, 10.01.
        q.onBook(book("BTC", 2 * S, "99.9x10", "100.1x1"));
        assertEquals(d("105.00"), only(q).liquidityScore()); // (199.99 + 10.01) / 2
    }

    @Test
    void twoSidedUptimeIsTimeWeightedAndAGapOfOneSideOrAWideOrThinBookCountsAsDown() {
        MarketQuality q = quality(); // max spread 50 bps, min depth 1000 USD a side within 50 bps of the mid
        String deepBids = "99.9x20";   // 1998 USD at 10 bps
        String deepAsks = "100.1x20";  // 2002 USD at 10 bps; spread 20 bps
        List<VenueBook> books = new ArrayList<>(List.of(
                book("BTC", 0, deepBids, deepAsks),                 // up    [0, 10 s)
                book("BTC", 10 * S, deepBids, ""),                  // down  [10, 30 s): the asks are gone (a gap)
                book("BTC", 30 * S, deepBids, deepAsks),            // up    [30, 40 s)
                book("BTC", 40 * S, "99x20", "101x20"),             // down  [40, 50 s): spread 200 bps
                book("BTC", 50 * S, deepBids, deepAsks),            // up    [50, 60 s)
                book("BTC", 60 * S, "99.9x1,99x100", deepAsks),     // down  [60, 70 s): 99.9 USD within 50 bps
                book("BTC", 70 * S, deepBids, deepAsks)));          // last: opens no interval
        java.util.Collections.reverse(books); // arrival order does not matter: books are ordered by time
        books.forEach(q::onBook);
        assertEquals(d("0.4286"), only(q).uptime()); // 30 s up of 70 s
    }

    @Test
    void orderSuccessRateIsAcksOverAcksAndRejectsWithRejectsGroupedByReasonPrefix() {
        MarketQuality q = quality();
        for (int i = 0; i < 3; i++) {
            q.onOrder(order("BTC", OrderEventType.ACK, null));
        }
        q.onOrder(order("BTC", OrderEventType.NEW, null));
        q.onOrder(order("BTC", OrderEventType.CANCELED, "canceled by us"));
        q.onOrder(order("BTC", OrderEventType.REJECT, "Order price cannot be more than 80% away from the reference price"));
        q.onOrder(order("BTC", OrderEventType.REJECT, "Order price cannot be more than 80% away from the mark"));
        q.onOrder(order("BTC", OrderEventType.REJECT, null));
        MarketReport r = only(q);
        assertEquals(3, r.orders().acks());
        assertEquals(3, r.orders().rejects());
        assertEquals(d("0.5000"), r.orders().successRate());
        assertEquals(Map.of("Order price cannot be more than 80% away", 2L, "(no reason)", 1L),
                r.orders().rejectsByReason());
        assertEquals(0, r.books());
        assertNull(r.tracking());
        assertNull(r.liquidityScore());
        assertNull(r.depth().get(0).bidUsd(), "no samples: no depth");
    }

    @Test
    void marketsAreReportedPerVenueAndMarketAndTheFilterKeepsTheNamedOnes() {
        MarketQuality q = new MarketQuality(new MarketQuality.Settings(d("50"), d("1000"), Set.of("BTC", "hyperliquid/SOL")));
        q.onBook(book("BTC", S, "99.9x1", "100.1x1"));
        q.onBook(book("ETH", S, "99.9x1", "100.1x1"));
        q.onOrder(order("SOL", OrderEventType.ACK, null));
        q.onOrder(order("ETH", OrderEventType.ACK, null));
        assertEquals(List.of("hyperliquid/BTC", "hyperliquid/SOL"), q.report().stream().map(MarketReport::key).toList());
        assertEquals(Arrays.asList(null, d("1.0000")), q.report().stream().map(r -> r.orders().successRate()).toList());
    }

    @Test
    void injectiveMarketsAreScoredAgainstTheirReferenceInstrument() {
        MarketQuality q = quality();
        q.onReference(reference("INJ", "25", 100 * S));
        q.onReference(reference("INJ/USDT", "99", 100 * S)); // not an instrument any market is scored against
        q.onReference(reference("BTC", "100000", 100 * S));
        // INJ/USDT and INJ/USDT-PERP on injective, INJ on hyperliquid: all against INJ at 25
        q.onBook(new VenueBook("injective", "INJ/USDT", 1, 200, 200 * S, levels("25.004x10"), levels("25.006x10")));
        q.onBook(new VenueBook("injective", "INJ/USDT-PERP", 1, 200, 200 * S, levels("24.99x10"), levels("24.996x10")));
        q.onBook(book("INJ", 200 * S, "24.999x10", "25.001x10"));
        q.onBook(book("BTC", 200 * S, "99990x1", "100010x1"));
        q.onOrder(new OrderEvent("w2", "injective", "INJ/USDT-PERP", OrderEventType.ACK, "0x02", null, Side.SELL,
                BigDecimal.ONE, BigDecimal.ONE, null, 1L, 0L));
        q.onOrder(new OrderEvent("w1", "injective", "INJ/USDT", OrderEventType.NEW, "0x03", null, Side.BUY,
                BigDecimal.ONE, BigDecimal.ONE, null, 1L, 0L));
        Map<String, MarketReport> byKey = new java.util.TreeMap<>();
        q.report().forEach(r -> byKey.put(r.key(), r));
        assertEquals(List.of("hyperliquid/BTC", "hyperliquid/INJ", "injective/INJ/USDT", "injective/INJ/USDT-PERP"),
                List.copyOf(byKey.keySet()));
        MarketReport spot = byKey.get("injective/INJ/USDT");
        assertEquals("INJ", spot.reference());
        assertEquals(d("2.00"), spot.tracking().maxBps()); // mid 25.005 vs 25 = 2 bps
        MarketReport perp = byKey.get("injective/INJ/USDT-PERP");
        assertEquals("INJ", perp.reference());
        assertEquals(d("2.80"), perp.tracking().maxBps()); // mid 24.993 vs 25 = |-2.8| bps
        assertEquals(Set.of("w2"), perp.wallets());
        assertEquals(Set.of("w1"), spot.wallets(), "any order event names the market's wallet");
        assertEquals("INJ", byKey.get("hyperliquid/INJ").reference());
        assertEquals(d("0.00"), byKey.get("hyperliquid/INJ").tracking().maxBps());
        assertEquals("BTC", byKey.get("hyperliquid/BTC").reference());
        assertEquals(Set.of(), byKey.get("hyperliquid/BTC").wallets());
        assertEquals("INJ", MarketQuality.referenceOf("INJ-PERP"));
    }

    @Test
    void aFilterNamesAnInjectiveMarketByNameOrByVenueAndName() {
        for (String filter : List.of("INJ/USDT", "injective/INJ/USDT")) {
            MarketQuality q = new MarketQuality(new MarketQuality.Settings(d("50"), d("1000"), Set.of(filter)));
            q.onBook(new VenueBook("injective", "INJ/USDT", 1, 1, S, levels("24.9x1"), levels("25.1x1")));
            q.onBook(new VenueBook("injective", "INJ/USDT-PERP", 1, 1, S, levels("24.9x1"), levels("25.1x1")));
            q.onBook(book("INJ", S, "24.9x1", "25.1x1"));
            assertEquals(List.of("injective/INJ/USDT"), q.report().stream().map(MarketReport::key).toList(), filter);
        }
    }
}
