package io.mmplatform.risk.domain;

import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.QualityState;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Markets named per venue (INJ on Hyperliquid, INJ/USDT and INJ/USDT-PERP on Injective) checked against INJ. */
class RiskMonitorInstrumentsTest {
    private static final long T0 = 1_800_000_000_000L;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static RiskMonitor monitor(long startedAtMs) {
        return new RiskMonitor(new RiskLimits(new RiskSettings(d("100"), d("400"), Map.of(), Optional.empty(), 5000)),
                startedAtMs);
    }

    private static QuoteIntent intent(String wallet, String venue, String market, long createdAtMs, String bid) {
        return new QuoteIntent(wallet, venue, market, 1, "ladder", d("25"), createdAtMs, 0,
                List.of(new DesiredOrder("b0", Side.BUY, d(bid), d("1"), TimeInForce.ALO)));
    }

    private static ReferencePrice ref(String instrument, String price, long atMs) {
        return new ReferencePrice(instrument, "pyth", d(price), d("0.01"), atMs, atMs * 1_000_000L);
    }

    @Test
    void anInjectiveIntentIsCheckedAgainstItsInstrumentsReference() {
        RiskMonitor monitor = monitor(T0);
        monitor.onReference(ref("INJ", "25", T0));
        assertEquals(0, monitor.reference("INJ/USDT-PERP").orElseThrow().compareTo(d("25")));
        assertEquals(List.of(), monitor.onIntent(intent("w3", "injective", "INJ/USDT", T0 + 1, "24.9"), T0 + 2),
                "40 bps under INJ: within the limit");
        List<KillSwitch> breach = monitor.onIntent(intent("w3", "injective", "INJ/USDT-PERP", T0 + 3, "25.3"), T0 + 4);
        assertEquals(1, breach.size(), "a bid 120 bps above INJ's reference");
        assertEquals("wallet:w3", breach.get(0).scope());
        assertTrue(breach.get(0).reason().contains("w3 INJ/USDT-PERP BUY b0 at 25.3 is bid above the reference"),
                breach.get(0).reason());
        assertTrue(breach.get(0).reason().contains("from reference 25 "), breach.get(0).reason());
    }

    @Test
    void aStaleInstrumentEngagesOneKillThatCoversEveryVenuesMarketAndIsReleasedWhenFresh() {
        RiskMonitor monitor = monitor(T0 - 60_000);
        monitor.onReference(ref("INJ", "25", T0));
        monitor.onReference(ref("BTC", "60000", T0 + 5000));
        monitor.onIntent(intent("w3", "injective", "INJ/USDT", T0 + 4000, "24.9"), T0 + 4000);
        monitor.onIntent(intent("w3", "injective", "INJ/USDT-PERP", T0 + 4000, "24.9"), T0 + 4000);
        monitor.onIntent(intent("w4", "hyperliquid", "INJ", T0 + 4000, "24.9"), T0 + 4000);
        monitor.onIntent(intent("w4", "hyperliquid", "BTC", T0 + 5000, "59990"), T0 + 5000);

        List<KillSwitch> stale = monitor.onTick(T0 + 6000);
        assertEquals(1, stale.size(), "one kill for the instrument, not one per market: " + stale);
        KillSwitch kill = stale.get(0);
        assertEquals("market:INJ", kill.scope());
        assertTrue(kill.reason().startsWith("reference-staleness: no reference for INJ"), kill.reason());
        KillScope scope = KillScope.parse(kill.scope());
        for (String market : List.of("INJ", "INJ/USDT", "INJ/USDT-PERP")) {
            assertTrue(scope.covers("w3", market), market);
        }
        assertFalse(scope.covers("w4", "BTC"));
        monitor.onKill(kill);
        assertEquals(List.of(), monitor.onTick(T0 + 6500), "not twice");

        monitor.onReference(ref("INJ", "25.1", T0 + 7000));
        List<KillSwitch> released = monitor.onTick(T0 + 7100);
        assertEquals(1, released.size());
        assertEquals("market:INJ", released.get(0).scope());
        assertEquals(KillState.RELEASED, released.get(0).state());
    }

    @Test
    void aStalenessKillOnAMarketNameIsReleasedByItsInstrumentsReference() {
        RiskMonitor monitor = monitor(T0);
        monitor.onKill(new KillSwitch("market:INJ/USDT", KillState.ENGAGED, "reference-staleness: no reference for "
                + "INJ/USDT", RiskMonitor.ACTOR, T0));
        monitor.onReference(ref("INJ", "25", T0 + 100));
        List<KillSwitch> released = monitor.onTick(T0 + 200);
        assertEquals(1, released.size());
        assertEquals("market:INJ/USDT", released.get(0).scope());
        assertEquals(KillState.RELEASED, released.get(0).state());
    }

    @Test
    void aDivergedInstrumentEngagesAScopeThatCoversItsInjectiveMarkets() {
        RiskMonitor monitor = monitor(T0);
        List<KillSwitch> engaged = monitor.onQuality(new DataQuality("INJ", QualityState.DIVERGED, "sources diverge",
                Map.of("pyth", d("25")), T0), T0 + 1);
        assertEquals(1, engaged.size());
        assertEquals("market:INJ", engaged.get(0).scope());
        assertTrue(KillScope.parse(engaged.get(0).scope()).covers("w3", "INJ/USDT-PERP"));
        assertTrue(KillScope.parse(engaged.get(0).scope()).covers("w3", "INJ/USDT"));
    }
}
