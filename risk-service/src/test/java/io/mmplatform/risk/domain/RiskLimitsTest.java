package io.mmplatform.risk.domain;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskLimitsTest {
    private static final long T0 = 1_800_000_000_000L;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static RiskSettings settings() {
        return new RiskSettings(d("100"), d("400"), Map.of("BTC", d("0.1")), Optional.empty(), 5000);
    }

    private static QuoteIntent intent(String wallet, String market, long createdAtMs, DesiredOrder... orders) {
        return new QuoteIntent(wallet, "hyperliquid", market, 1, "ladder", d("100"), createdAtMs, 0, List.of(orders));
    }

    private static DesiredOrder bid(String id, String price) {
        return new DesiredOrder(id, Side.BUY, d(price), d("1"), TimeInForce.ALO);
    }

    private static DesiredOrder ask(String id, String price) {
        return new DesiredOrder(id, Side.SELL, d(price), d("1"), TimeInForce.ALO);
    }

    private static PositionUpdate position(String wallet, String market, String size) {
        return new PositionUpdate(wallet, "0xabc", "hyperliquid", market, d(size), d("1"), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, 1, T0);
    }

    private static ReferencePrice ref(String instrument, String price, long atMs) {
        return new ReferencePrice(instrument, "pyth", d(price), d("0.1"), atMs, atMs * 1_000_000L);
    }

    @Test
    void ordersWithinTheDeviationPass() {
        RiskLimits limits = new RiskLimits(settings());
        // exactly 100 bps away on both sides is still within the limit
        assertEquals(Optional.empty(), limits.checkIntent(intent("w1", "SOL", T0, bid("b0", "99"), ask("a0", "101")), d("100")));
    }

    @Test
    void aBidAboveTheBandBreachesTheWalletScope() {
        Breach breach = new RiskLimits(settings())
                .checkIntent(intent("w1", "SOL", T0, bid("b0", "101.01"), ask("a0", "102")), d("100")).orElseThrow();
        assertEquals("wallet:w1", breach.scope());
        assertEquals(RiskLimits.MAX_DEVIATION, breach.limit());
        assertTrue(breach.reason().startsWith("max-deviation-bps: w1 SOL BUY b0 at 101.01 is bid above the reference"), breach.reason());
        assertTrue(breach.reason().contains("101.00 bps"), breach.reason());
    }

    @Test
    void anAskBelowTheBandOrAnOrderTooFarAwayBreaches() {
        RiskLimits limits = new RiskLimits(settings());
        Breach below = limits.checkIntent(intent("w2", "SOL", T0, ask("a0", "98.9")), d("100")).orElseThrow();
        assertTrue(below.reason().contains("ask below the reference"), below.reason());
        assertEquals("wallet:w2", below.scope());
        assertEquals(Optional.empty(), limits.checkIntent(intent("w2", "SOL", T0, bid("b9", "96"), ask("a9", "104")),
                d("100")), "400 bps away on the passive side is within the passive limit");
        Breach far = limits.checkIntent(intent("w2", "SOL", T0, bid("b0", "99.5"), bid("b9", "95")), d("100")).orElseThrow();
        assertTrue(far.reason().contains("b9 at 95 is too far from the reference, 500.00 bps"), far.reason());
        assertTrue(limits.checkIntent(intent("w2", "SOL", T0, ask("a9", "104.01")), d("100")).isPresent());
    }

    @Test
    void aPositionAboveItsMarketLimitBreaches() {
        RiskLimits limits = new RiskLimits(settings());
        assertEquals(Optional.empty(), limits.checkPosition(position("w1", "BTC", "-0.1")));
        Breach breach = limits.checkPosition(position("w1", "BTC", "-0.10001")).orElseThrow();
        assertEquals("wallet:w1", breach.scope());
        assertEquals("max-position: w1 BTC position -0.10001 exceeds the limit 0.1", breach.reason());
        assertEquals(Optional.empty(), limits.checkPosition(position("w1", "DOGE", "1000000")), "no limit configured");
        RiskLimits withDefault = new RiskLimits(new RiskSettings(d("100"), d("400"), Map.of(), Optional.of(d("5")), 5000));
        assertTrue(withDefault.checkPosition(position("w1", "DOGE", "6")).isPresent());
    }

    @Test
    void staleReferenceBreachesOnlyWhileIntentsFlow() {
        RiskLimits limits = new RiskLimits(settings());
        assertEquals(Optional.empty(), limits.checkStaleness("ETH", T0, T0 + 9000, T0, T0 + 5000), "fresh");
        assertEquals(Optional.empty(), limits.checkStaleness("ETH", T0, null, T0, T0 + 60_000), "no intents");
        assertEquals(Optional.empty(), limits.checkStaleness("ETH", T0, T0 + 1000, T0, T0 + 60_000), "intents stopped");
        Breach stale = limits.checkStaleness("ETH", T0, T0 + 5500, T0, T0 + 6000).orElseThrow();
        assertEquals("market:ETH", stale.scope());
        assertTrue(stale.reason().startsWith("reference-staleness: no reference for ETH for 6000 ms"), stale.reason());
        assertTrue(limits.checkStaleness("ETH", null, T0 + 5500, T0, T0 + 6000).isPresent(), "never any reference");
    }

    @Test
    void theMonitorEngagesAScopeOnceUntilItIsReleased() {
        RiskMonitor monitor = new RiskMonitor(new RiskLimits(settings()), T0);
        monitor.onReference(ref("SOL", "100", T0));
        List<KillSwitch> first = monitor.onIntent(intent("w1", "SOL", T0 + 10, bid("b0", "90")), T0 + 20);
        assertEquals(1, first.size());
        KillSwitch kill = first.get(0);
        assertEquals("wallet:w1", kill.scope());
        assertEquals(KillState.ENGAGED, kill.state());
        assertEquals("risk-service", kill.actor());
        assertTrue(kill.reason().startsWith("max-deviation-bps"));
        assertEquals(List.of(), monitor.onIntent(intent("w1", "SOL", T0 + 30, bid("b0", "90")), T0 + 40));
        assertEquals(List.of(), monitor.onPosition(position("w1", "BTC", "1"), T0 + 50), "same scope, already engaged");
        monitor.publishFailed(kill);
        assertEquals(1, monitor.onPosition(position("w1", "BTC", "1"), T0 + 45).size(), "a failed publish is retried");
        monitor.onKill(kill); // the echo from risk.kill
        monitor.onKill(new KillSwitch("wallet:w1", KillState.RELEASED, "fixed", "operator", T0 + 60));
        assertEquals(1, monitor.onPosition(position("w1", "BTC", "1"), T0 + 70).size());
    }

    @Test
    void theMonitorIgnoresOldIntentsAndStaleReferencesForDeviation() {
        RiskMonitor monitor = new RiskMonitor(new RiskLimits(settings()), T0);
        monitor.onReference(ref("SOL", "100", T0));
        assertEquals(List.of(), monitor.onIntent(intent("w1", "SOL", T0 - 10_000, bid("b0", "50")), T0), "replayed intent");
        monitor.onReference(ref("SOL", "50", T0 - 60_000));
        assertEquals(0, monitor.reference("SOL").orElseThrow().compareTo(d("100")), "an older reference does not replace a newer one");
        assertEquals(List.of(), monitor.onIntent(intent("w1", "SOL", T0 + 9000, bid("b0", "50")), T0 + 9000),
                "reference too old for a deviation check");
        List<KillSwitch> stale = monitor.onTick(T0 + 9001);
        assertEquals(1, stale.size());
        assertEquals("market:SOL", stale.get(0).scope());
        assertEquals(List.of(), monitor.onTick(T0 + 10_000), "not twice");
    }

    @Test
    void aMissingReferenceCountsFromTheFirstIntentNotFromStartUp() {
        RiskMonitor monitor = new RiskMonitor(new RiskLimits(settings()), T0);
        // consumers join late on a busy machine: the first intent arrives 12 s after start (past the start-up grace)
        assertEquals(List.of(), monitor.onIntent(intent("w1", "ETH", T0 + 12_000, bid("b0", "99")), T0 + 12_000));
        assertEquals(List.of(), monitor.onTick(T0 + 16_000), "waits a full window from the first intent");
        monitor.onIntent(intent("w1", "ETH", T0 + 17_000, bid("b0", "99")), T0 + 17_000);
        List<KillSwitch> stale = monitor.onTick(T0 + 17_500);
        assertEquals(1, stale.size(), "then the missing reference engages the market");
        assertEquals("market:ETH", stale.get(0).scope());
    }

    @Test
    void aStalenessKillIsReleasedWhenTheReferenceIsFreshAgainButAnOperatorKillIsNot() {
        RiskMonitor monitor = new RiskMonitor(new RiskLimits(settings()), T0 - 60_000);
        monitor.onReference(ref("ETH", "100", T0));
        monitor.onIntent(intent("w1", "ETH", T0 + 4000, bid("b0", "99")), T0 + 4000);
        KillSwitch engaged = monitor.onTick(T0 + 6000).get(0);
        assertEquals(KillState.ENGAGED, engaged.state());
        monitor.onKill(engaged);
        monitor.onKill(new KillSwitch("market:SOL", KillState.ENGAGED, "manual", "operator:alice", T0));
        monitor.onReference(ref("SOL", "20", T0 + 7000));
        assertEquals(List.of(), monitor.onTick(T0 + 6500), "still stale: stays engaged");

        monitor.onReference(ref("ETH", "101", T0 + 7000));
        List<KillSwitch> released = monitor.onTick(T0 + 7100);
        assertEquals(1, released.size(), "only the own staleness kill is released: " + released);
        assertEquals("market:ETH", released.get(0).scope());
        assertEquals(KillState.RELEASED, released.get(0).state());
        assertTrue(monitor.isEngaged("market:SOL"));
        assertEquals(List.of(), monitor.onTick(T0 + 7200), "released once");
    }
}
