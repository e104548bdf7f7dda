package io.mmplatform.common.messages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillScopeTest {
    @Test
    void parsesTheThreeKinds() {
        assertEquals(KillScope.GLOBAL, KillScope.parse("global"));
        assertEquals(new KillScope(KillScope.Kind.WALLET, "w1"), KillScope.parse("wallet:w1"));
        assertEquals(new KillScope(KillScope.Kind.MARKET, "BTC"), KillScope.parse("market:BTC"));
    }

    @Test
    void aMarketNameMayContainSlashesDashesAndColons() {
        KillScope scope = KillScope.parse("market:INJ/USDT-PERP");
        assertEquals(KillScope.Kind.MARKET, scope.kind());
        assertEquals("INJ/USDT-PERP", scope.value());
        assertEquals("market:INJ/USDT-PERP", scope.toString());
        assertEquals(scope, KillScope.parse(scope.toString()), "round trip");
        assertEquals("a:b", KillScope.parse("market:a:b").value(), "split at the first ':' only");
        assertEquals(scope, KillScope.market("INJ/USDT-PERP"));
    }

    @Test
    void rejectsMalformedScopes() {
        for (String bad : new String[] {null, "", " ", "market:", ":INJ", "market", "venue:injective", "GLOBAL"}) {
            assertThrows(IllegalArgumentException.class, () -> KillScope.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void globalCoversEverything() {
        assertTrue(KillScope.GLOBAL.covers("w1", "BTC"));
        assertTrue(KillScope.GLOBAL.covers("w2", "INJ/USDT-PERP"));
    }

    @Test
    void aWalletScopeCoversEveryMarketOfThatWalletOnly() {
        KillScope scope = KillScope.parse("wallet:w1");
        assertTrue(scope.covers("w1", "BTC"));
        assertTrue(scope.covers("w1", "INJ/USDT"));
        assertFalse(scope.covers("w2", "BTC"));
        assertFalse(scope.covers("w10", "BTC"));
    }

    @Test
    void anInstrumentScopeCoversEveryMarketPricedFromIt() {
        KillScope scope = KillScope.parse("market:INJ");
        assertTrue(scope.covers("w1", "INJ"), "Hyperliquid's INJ");
        assertTrue(scope.covers("w1", "INJ/USDT"), "Injective's spot market");
        assertTrue(scope.covers("w2", "INJ/USDT-PERP"), "Injective's perp");
        assertTrue(scope.covers("w2", "INJ-PERP"));
        assertFalse(scope.covers("w1", "BTC"));
        assertFalse(scope.covers("w1", "INJX/USDT"));
        assertFalse(scope.covers("w1", "USDT/INJ"), "the quote asset is not the reference");
        assertFalse(scope.covers("w1", null));
    }

    @Test
    void aMarketScopeCoversOnlyThatMarket() {
        KillScope spot = KillScope.parse("market:INJ/USDT");
        assertTrue(spot.covers("w1", "INJ/USDT"));
        assertFalse(spot.covers("w1", "INJ/USDT-PERP"));
        assertFalse(spot.covers("w1", "INJ"));

        KillScope perp = KillScope.parse("market:INJ/USDT-PERP");
        assertTrue(perp.covers("w1", "INJ/USDT-PERP"));
        assertFalse(perp.covers("w1", "INJ/USDT"));
        assertFalse(perp.covers("w1", "INJ"));

        assertFalse(KillScope.parse("market:BTC").covers("w1", "INJ"));
    }
}
