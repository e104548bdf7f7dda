package io.mmplatform.risk.domain;

import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.QualityState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskMonitorDataQualityTest {
    private static final long T0 = 1_763_767_200_000L;

    private static RiskMonitor monitor() {
        return new RiskMonitor(new RiskLimits(new RiskSettings(new BigDecimal("100"), new BigDecimal("400"),
                Map.of("BTC", new BigDecimal("0.1")), Optional.empty(), 5000)), T0);
    }

    private static DataQuality event(String instrument, QualityState state, String reason, long timeMs) {
        return new DataQuality(instrument, state, reason, Map.of("pyth", new BigDecimal("100")), timeMs);
    }

    @Test
    void divergedEngagesTheMarketOnceAndOkReleasesIt() {
        RiskMonitor monitor = monitor();
        List<KillSwitch> engaged = monitor.onQuality(event("BTC", QualityState.DIVERGED,
                "max-divergence-bps: BTC sources diverge by 150 bps > 100", T0), T0 + 1);
        assertEquals(1, engaged.size());
        KillSwitch kill = engaged.get(0);
        assertEquals("market:BTC", kill.scope());
        assertEquals(KillState.ENGAGED, kill.state());
        assertEquals(RiskMonitor.DATA_QUALITY_ACTOR, kill.actor());
        assertEquals("data-quality: BTC DIVERGED: max-divergence-bps: BTC sources diverge by 150 bps > 100", kill.reason());
        assertTrue(monitor.isEngaged("market:BTC"));
        monitor.onKill(kill); // the echo from risk.kill
        assertEquals(List.of(), monitor.onQuality(event("BTC", QualityState.STALE, "staleness", T0 + 10), T0 + 11),
                "already engaged: not twice");

        List<KillSwitch> released = monitor.onQuality(event("BTC", QualityState.OK, "2 fresh source(s)", T0 + 20), T0 + 21);
        assertEquals(1, released.size());
        assertEquals(KillState.RELEASED, released.get(0).state());
        assertEquals("market:BTC", released.get(0).scope());
        assertEquals(RiskMonitor.DATA_QUALITY_ACTOR, released.get(0).actor());
        assertTrue(released.get(0).reason().startsWith("data-quality: BTC OK"), released.get(0).reason());
        assertEquals(List.of(), monitor.onQuality(event("BTC", QualityState.OK, "", T0 + 30), T0 + 31), "nothing left to release");
    }

    @Test
    void staleEngagesToo() {
        RiskMonitor monitor = monitor();
        KillSwitch kill = monitor.onQuality(event("ETH", QualityState.STALE, "staleness: ETH every source is stale", T0), T0)
                .get(0);
        assertEquals("market:ETH", kill.scope());
        assertEquals("data-quality: ETH STALE: staleness: ETH every source is stale", kill.reason());
    }

    @Test
    void okNeverReleasesAnOperatorsKillNorAnotherLimitsKill() {
        RiskMonitor monitor = monitor();
        monitor.onKill(new KillSwitch("market:BTC", KillState.ENGAGED, "maintenance", "operator:alice", T0));
        assertEquals(List.of(), monitor.onQuality(event("BTC", QualityState.DIVERGED, "x", T0 + 1), T0 + 1),
                "already engaged by the operator");
        assertEquals(List.of(), monitor.onQuality(event("BTC", QualityState.OK, "", T0 + 2), T0 + 2));
        assertTrue(monitor.isEngaged("market:BTC"));
        assertEquals(List.of(), monitor.onTick(T0 + 3));
        assertTrue(monitor.isEngaged("market:BTC"), "still the operator's");

        // engaged by us, then an operator takes the scope over: OK does not release it
        monitor.onKill(new KillSwitch("market:ETH", KillState.RELEASED, "r", "operator:alice", T0));
        monitor.onQuality(event("ETH", QualityState.STALE, "x", T0 + 4), T0 + 4);
        monitor.onKill(new KillSwitch("market:ETH", KillState.ENGAGED, "look at it", "operator:bob", T0 + 5));
        assertEquals(List.of(), monitor.onQuality(event("ETH", QualityState.OK, "", T0 + 6), T0 + 6));

        // risk-service's own staleness kill is not ours either
        monitor.onKill(new KillSwitch("market:SOL", KillState.ENGAGED, "reference-staleness: SOL", RiskMonitor.ACTOR, T0));
        assertEquals(List.of(), monitor.onQuality(event("SOL", QualityState.OK, "", T0 + 7), T0 + 7));
    }

    @Test
    void aReleaseThatCouldNotBePublishedIsRetriedOnTheTickAndAnOlderEventIsIgnored() {
        RiskMonitor monitor = monitor();
        monitor.onQuality(event("BTC", QualityState.DIVERGED, "x", T0), T0);
        KillSwitch release = monitor.onQuality(event("BTC", QualityState.OK, "", T0 + 10), T0 + 10).get(0);
        monitor.publishFailed(release);
        assertTrue(monitor.isEngaged("market:BTC"));
        assertEquals(List.of(), monitor.onQuality(event("BTC", QualityState.DIVERGED, "old", T0 + 5), T0 + 11),
                "older than the OK already seen");
        List<KillSwitch> retried = monitor.onTick(T0 + 1000);
        assertEquals(1, retried.size());
        assertEquals(KillState.RELEASED, retried.get(0).state());
        assertEquals(RiskMonitor.DATA_QUALITY_ACTOR, retried.get(0).actor());
        assertEquals(List.of(), monitor.onTick(T0 + 2000));
    }
}
