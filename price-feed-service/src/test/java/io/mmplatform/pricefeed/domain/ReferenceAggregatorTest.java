package io.mmplatform.pricefeed.domain;

import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.ReferencePrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceAggregatorTest {
    private static final long T0 = 1_763_767_200_000L * 1_000_000L; // epoch nanos
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static SourcePrice p(String source, String price, long receiveNanos) {
        return new SourcePrice(source, "BTC", d(price), d("0.5"), receiveNanos / MS, receiveNanos);
    }

    private static ReferenceAggregator aggregator(int minSources, String... sources) {
        return new ReferenceAggregator(new ReferenceAggregator.Settings(d("100"), Duration.ofSeconds(10),
                Map.of("slow", Duration.ofSeconds(30)), minSources, Duration.ofSeconds(2),
                Map.of("BTC", Set.of(sources))));
    }

    private static ReferencePrice only(ReferenceAggregator.Output out) {
        assertEquals(1, out.references().size(), out.toString());
        return out.references().get(0);
    }

    private static DataQuality quality(ReferenceAggregator.Output out) {
        assertEquals(1, out.quality().size(), out.toString());
        return out.quality().get(0);
    }

    @Test
    void aSingleSourcePassesThroughUnderItsOwnNameAndAnnouncesOkOnce() {
        ReferenceAggregator agg = aggregator(1, "pyth");
        ReferenceAggregator.Output first = agg.onPrice(p("pyth", "100.5", T0), T0);
        ReferencePrice ref = only(first);
        assertEquals("pyth", ref.source());
        assertEquals(List.of("pyth"), ref.sources());
        assertEquals(d("100.5"), ref.price());
        assertEquals(d("0.5"), ref.conf());
        assertEquals(T0, ref.receiveTimeNanos());
        assertEquals(QualityState.OK, quality(first).state());
        ReferenceAggregator.Output second = agg.onPrice(p("pyth", "101", T0 + 100 * MS), T0 + 100 * MS);
        assertEquals(d("101"), only(second).price());
        assertTrue(second.quality().isEmpty(), "OK is announced once");
        assertTrue(agg.check(T0 + 200 * MS).isEmpty(), "nothing changed");
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheExactMeanOfTheTwoMiddle() {
        ReferenceAggregator agg = aggregator(1, "pyth", "injective", "hyperliquid", "slow");
        agg.onPrice(p("pyth", "100.00", T0), T0);
        agg.onPrice(p("injective", "100.30", T0 + MS), T0 + MS);
        ReferencePrice odd = only(agg.onPrice(p("hyperliquid", "100.10", T0 + 2 * MS), T0 + 2 * MS));
        assertEquals(d("100.10"), odd.price());
        assertEquals("median", odd.source());
        assertEquals(List.of("hyperliquid", "injective", "pyth"), odd.sources());
        assertEquals(T0 + 2 * MS, odd.receiveTimeNanos(), "the newest contributor");
        assertEquals(d("0.5"), odd.conf(), "max(median conf 0.5, half the spread 0.15)");
        ReferencePrice even = only(agg.onPrice(p("slow", "100.15", T0 + 3 * MS), T0 + 3 * MS));
        // sorted: 100.00 100.10 100.15 100.30 -> (100.10 + 100.15) / 2 = 100.125 exactly
        assertEquals(0, even.price().compareTo(d("100.125")), even.price().toPlainString());
        assertEquals("100.125", even.price().toPlainString());
        assertEquals(List.of("hyperliquid", "injective", "pyth", "slow"), even.sources());
        assertEquals(0, ReferenceAggregator.middle(List.of(d("1"), d("2"))).compareTo(d("1.5")));
        assertEquals(0, ReferenceAggregator.middle(List.of(d("0.00000001"), d("0.00000002"))).compareTo(d("0.000000015")));
    }

    @Test
    void aFrozenSourceGoesStaleAndTheMedianMovesOnWithoutIt() {
        ReferenceAggregator agg = aggregator(1, "pyth", "injective", "hyperliquid");
        agg.onPrice(p("injective", "100.40", T0), T0); // will freeze
        agg.onPrice(p("pyth", "100.00", T0), T0);
        assertEquals(d("100.10"), only(agg.onPrice(p("hyperliquid", "100.10", T0), T0)).price());
        // pyth and hyperliquid keep ticking, injective says nothing more
        for (long t = T0 + S; t <= T0 + 10 * S; t += S) {
            agg.onPrice(p("pyth", "100.00", t), t);
            assertEquals(d("100.10"), only(agg.onPrice(p("hyperliquid", "100.10", t), t)).price(), "injective fresh until 10 s");
        }
        long stale = T0 + 10 * S + 1;
        ReferencePrice moved = only(agg.check(stale));
        assertEquals(0, moved.price().compareTo(d("100.05")), "the median of the two fresh ones");
        assertEquals(List.of("hyperliquid", "pyth"), moved.sources());
        assertEquals("median", moved.source());
        assertTrue(agg.check(stale + 100 * MS).isEmpty(), "published once per change");
        ReferencePrice next = only(agg.onPrice(p("pyth", "100.02", stale + 200 * MS), stale + 200 * MS));
        assertEquals(0, next.price().compareTo(d("100.06")));
        assertEquals(Map.of("BTC", QualityState.OK), agg.states());
        assertFalse(agg.sources(stale).stream().filter(s -> s.source().equals("injective")).findFirst().orElseThrow().fresh());
    }

    @Test
    void twoDivergingSourcesAreDivergedAndPublishNothingUntilTheyAgreeAgain() {
        ReferenceAggregator agg = aggregator(1, "pyth", "hyperliquid");
        agg.onPrice(p("pyth", "100", T0), T0);
        only(agg.onPrice(p("hyperliquid", "100.5", T0 + MS), T0 + MS)); // 50 bps: fine
        ReferenceAggregator.Output diverged = agg.onPrice(p("hyperliquid", "101.5", T0 + 2 * MS), T0 + 2 * MS);
        assertTrue(diverged.references().isEmpty(), "no reference while diverged");
        DataQuality event = quality(diverged);
        assertEquals(QualityState.DIVERGED, event.state());
        assertEquals("BTC", event.key());
        assertEquals(d("100"), event.sources().get("pyth"));
        assertEquals(d("101.5"), event.sources().get("hyperliquid"));
        // (101.5 - 100) / 100.75 = 148.8834 bps
        assertTrue(event.reason().startsWith("max-divergence-bps: BTC sources diverge by 148.8834 bps > 100"), event.reason());
        assertTrue(agg.onPrice(p("pyth", "100.01", T0 + 3 * MS), T0 + 3 * MS).isEmpty(), "still diverged, announced once");
        assertTrue(agg.check(T0 + 4 * MS).isEmpty());

        ReferenceAggregator.Output ok = agg.onPrice(p("pyth", "101.2", T0 + 5 * MS), T0 + 5 * MS);
        assertEquals(QualityState.OK, quality(ok).state());
        assertTrue(quality(ok).reason().startsWith("recovered from DIVERGED"), quality(ok).reason());
        assertEquals(0, only(ok).price().compareTo(d("101.35")));
        assertEquals(d("0.5"), only(ok).conf(), "max(median conf 0.5, half spread 0.15)");
    }

    @Test
    void whenEverySourceIsStaleTheInstrumentIsStaleAndNothingIsPublishedUntilAFreshPrice() {
        ReferenceAggregator agg = aggregator(1, "pyth", "slow");
        agg.onPrice(p("pyth", "100", T0), T0);
        only(agg.onPrice(p("slow", "100.2", T0), T0));
        // pyth stale after 10 s: the median moves to slow alone
        assertEquals(d("100.2"), only(agg.check(T0 + 11 * S)).price());
        assertTrue(agg.check(T0 + 20 * S).isEmpty());
        ReferenceAggregator.Output stale = agg.check(T0 + 30 * S + 1);
        assertTrue(stale.references().isEmpty());
        DataQuality event = quality(stale);
        assertEquals(QualityState.STALE, event.state());
        assertNull(event.sources().get("pyth"));
        assertTrue(event.sources().containsKey("slow"));
        assertNull(event.sources().get("slow"));
        assertTrue(event.reason().startsWith("staleness: BTC every source is stale"), event.reason());
        assertTrue(event.reason().contains("slow last 30000 ms ago (limit 30000 ms)"), event.reason());
        assertTrue(agg.check(T0 + 40 * S).isEmpty(), "STALE once");
        // a price that arrives already older than its limit is no reference either
        assertTrue(agg.onPrice(p("pyth", "100", T0 + 30 * S), T0 + 41 * S).isEmpty());
        ReferenceAggregator.Output back = agg.onPrice(p("pyth", "100.1", T0 + 42 * S), T0 + 42 * S);
        assertEquals(QualityState.OK, quality(back).state());
        assertEquals(d("100.1"), only(back).price());
        assertEquals(List.of("pyth"), only(back).sources());
    }

    @Test
    void neverAPriceOlderThanItsLimit() {
        ReferenceAggregator agg = aggregator(1, "pyth", "slow");
        agg.onPrice(p("slow", "100", T0), T0);
        agg.onPrice(p("pyth", "100.1", T0), T0);
        for (long now = T0; now <= T0 + 60 * S; now += 250 * MS) {
            if ((now - T0) % (3 * S) == 0) {
                check(agg.onPrice(p("pyth", "100.1", now - 2 * S), now), now); // pyth arrives with 2 s of delay
            }
            check(agg.check(now), now);
        }
    }

    private static void check(ReferenceAggregator.Output out, long now) {
        for (ReferencePrice ref : out.references()) {
            for (String source : ref.sources()) {
                long limit = (source.equals("slow") ? 30 : 10) * S;
                assertTrue(now - ref.receiveTimeNanos() <= limit, "published " + ref + " at " + now);
            }
        }
    }

    @Test
    void aSourceClockRunningAheadIsClampedToTheReceiveTimeAndFlagged() {
        ReferenceAggregator agg = aggregator(1, "pyth");
        SourcePrice ahead = new SourcePrice("pyth", "BTC", d("100"), null, T0 / MS + 5_000, T0);
        ReferenceAggregator.Output out = agg.onPrice(ahead, T0);
        assertTrue(out.clockSkew());
        assertEquals(T0 / MS, only(out).publishTimeMs(), "clamped to the receive time");
        assertEquals(BigDecimal.ZERO, only(out).conf(), "no confidence from the source");
        SourcePrice withinTolerance = new SourcePrice("pyth", "BTC", d("100"), null, T0 / MS + 1_500 + 100, T0 + 100 * MS);
        ReferenceAggregator.Output fine = agg.onPrice(withinTolerance, T0 + 100 * MS);
        assertFalse(fine.clockSkew());
        assertEquals(T0 / MS + 1_600, only(fine).publishTimeMs());
        // a receive time in the future (an adapter's own clock) is clamped to now
        SourcePrice future = new SourcePrice("pyth", "BTC", d("100"), null, T0 / MS, T0 + 60 * S);
        ReferenceAggregator.Output clamped = agg.onPrice(future, T0 + 200 * MS);
        assertTrue(clamped.clockSkew());
        assertEquals(T0 + 200 * MS, only(clamped).receiveTimeNanos());
        // and so it goes stale on time
        assertEquals(QualityState.STALE, quality(agg.check(T0 + 200 * MS + 10 * S + 1)).state());
    }

    @Test
    void anOutOfOrderPriceIsIgnored() {
        ReferenceAggregator agg = aggregator(1, "pyth");
        only(agg.onPrice(p("pyth", "100", T0 + S), T0 + S));
        assertTrue(agg.onPrice(p("pyth", "99", T0), T0 + S).isEmpty());
        assertEquals(d("100"), agg.sources(T0 + S).get(0).price());
    }

    @Test
    void minSourcesWaitsOneWindowForTheOthersThenGoesStaleAndRecovers() {
        ReferenceAggregator agg = aggregator(2, "pyth", "hyperliquid");
        assertTrue(agg.onPrice(p("pyth", "100", T0), T0).isEmpty(), "warming up: nothing yet");
        assertTrue(agg.check(T0 + 5 * S).isEmpty());
        ReferenceAggregator.Output both = agg.onPrice(p("hyperliquid", "100.2", T0 + 6 * S), T0 + 6 * S);
        assertEquals(QualityState.OK, quality(both).state());
        assertTrue(quality(both).reason().startsWith("2 fresh source(s)"), quality(both).reason());
        assertEquals(0, only(both).price().compareTo(d("100.1")));
        // pyth goes stale at T0 + 10 s: one fresh source is below min-sources 2
        ReferenceAggregator.Output one = agg.check(T0 + 10 * S + 1);
        assertTrue(one.references().isEmpty());
        assertEquals(QualityState.STALE, quality(one).state());
        assertTrue(quality(one).reason().startsWith("staleness: BTC 1 fresh source(s) < min-sources 2: pyth last"),
                quality(one).reason());
        assertTrue(agg.onPrice(p("hyperliquid", "100.2", T0 + 11 * S), T0 + 11 * S).isEmpty());
        ReferenceAggregator.Output back = agg.onPrice(p("pyth", "100.1", T0 + 12 * S), T0 + 12 * S);
        assertEquals(QualityState.OK, quality(back).state());
        assertEquals(0, only(back).price().compareTo(d("100.15")));

        ReferenceAggregator lonely = aggregator(2, "pyth", "hyperliquid");
        lonely.onPrice(p("pyth", "100", T0), T0);
        ReferenceAggregator.Output never = lonely.check(T0 + 10 * S + 1);
        assertEquals(QualityState.STALE, quality(never).state(), "the other source never came");
        assertTrue(quality(never).reason().contains("hyperliquid no price yet"), quality(never).reason());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAggregator.Settings(d("100"), Duration.ofSeconds(10),
                Map.of(), 0, Duration.ofSeconds(2), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAggregator.Settings(d("100"), Duration.ofSeconds(10),
                Map.of("pyth", Duration.ZERO), 1, Duration.ofSeconds(2), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceAggregator.Settings(d("-1"), Duration.ofSeconds(10),
                Map.of(), 1, Duration.ofSeconds(2), Map.of()));
        assertEquals(Duration.ofSeconds(10), ReferenceAggregator.Settings.defaults().stalenessOf("anything"));
    }

    @Test
    void aSourceDeclaredLaterMakesTheReferenceAMedian() {
        ReferenceAggregator agg = new ReferenceAggregator(ReferenceAggregator.Settings.defaults());
        assertEquals("pyth", only(agg.onPrice(p("pyth", "100", T0), T0)).source());
        agg.expect("hyperliquid", List.of("BTC", "ETH"));
        ReferencePrice median = only(agg.onPrice(p("pyth", "100", T0 + MS), T0 + MS));
        assertEquals("median", median.source());
        assertEquals(List.of("pyth"), median.sources());
    }
}
