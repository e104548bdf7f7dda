package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillSwitchStateTest {
    private final KillSwitchState state = new KillSwitchState();

    private boolean engage(String scope) {
        return state.apply(KillScope.parse(scope), KillState.ENGAGED, "test", "operator:t", 1);
    }

    private boolean release(String scope) {
        return state.apply(KillScope.parse(scope), KillState.RELEASED, null, "operator:t", 2);
    }

    @Test
    void nothingIsBlockedInitially() {
        assertFalse(state.blocks("w1", "BTC"));
    }

    @Test
    void globalBlocksEverythingUntilReleased() {
        assertTrue(engage("global"));
        assertTrue(state.blocks("w1", "BTC"));
        assertTrue(state.blocks("w9", "INJ"));
        assertTrue(release("global"));
        assertFalse(state.blocks("w1", "BTC"));
    }

    @Test
    void walletScopeBlocksOnlyThatWallet() {
        engage("wallet:w1");
        assertTrue(state.blocks("w1", "BTC"));
        assertTrue(state.blocks("w1", "ETH"));
        assertFalse(state.blocks("w2", "BTC"));
    }

    @Test
    void marketScopeBlocksOnlyThatMarket() {
        engage("market:ETH");
        assertTrue(state.blocks("w1", "ETH"));
        assertTrue(state.blocks("w2", "ETH"));
        assertFalse(state.blocks("w1", "BTC"));
    }

    @Test
    void scopesAreIndependent() {
        engage("market:ETH");
        engage("wallet:w2");
        release("market:ETH");
        assertFalse(state.blocks("w1", "ETH"));
        assertTrue(state.blocks("w2", "BTC"));
        assertEquals("wallet:w2", state.blocking("w2", "BTC").orElseThrow().scope().toString());
    }

    @Test
    void repeatedRecordsAreNotChanges() {
        assertTrue(engage("global"));
        assertFalse(engage("global"), "a compacted topic re-read at start repeats records");
        assertTrue(release("global"));
        assertFalse(release("global"));
        assertFalse(release("market:BTC"), "releasing what was never engaged changes nothing");
    }

    @Test
    void theReasonOfTheBlockingScopeIsKept() {
        state.apply(KillScope.parse("market:SOL"), KillState.ENGAGED, "deviation 80 bps", "risk-service", 5);
        KillSwitchState.Engaged e = state.blocking("w1", "SOL").orElseThrow();
        assertEquals("deviation 80 bps", e.reason());
        assertEquals("risk-service", e.actor());
    }
}
