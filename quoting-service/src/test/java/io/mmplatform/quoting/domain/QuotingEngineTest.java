package io.mmplatform.quoting.domain;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotingEngineTest {
    private static final long T0 = 1_800_000_000_000L;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static QuotingEngine engine() {
        LadderConfig ladder = new LadderConfig(d("10"), 2, d("5"), d("1"), d("10"), d("20"), d("0"), d("0.1"), TimeInForce.ALO);
        return new QuotingEngine(new QuotingEngine.Settings("hyperliquid", d("2"), 1000, 5000),
                List.of(new Bot("w1-sol", "w1", "SOL", ladder), new Bot("w2-sol", "w2", "SOL", ladder),
                        new Bot("w1-eth", "w1", "ETH", ladder)), 100);
    }

    private static ReferencePrice ref(String instrument, String price, long atMs) {
        return new ReferencePrice(instrument, "pyth", d(price), d("0.01"), atMs, atMs * 1_000_000L + 7);
    }

    private static PositionUpdate position(String wallet, String market, String size) {
        return new PositionUpdate(wallet, "0xabc", "hyperliquid", market, d(size), d("100"), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, 1, T0);
    }

    @Test
    void aReferenceProducesOneIntentPerBotOfItsMarketWithIncreasingSeq() {
        QuotingEngine engine = engine();
        List<QuoteIntent> out = engine.onReference(ref("SOL", "100", T0), T0);
        assertEquals(2, out.size());
        assertEquals("w1", out.get(0).walletId());
        assertEquals("w2", out.get(1).walletId());
        assertEquals(100, out.get(0).seq());
        assertEquals(101, out.get(1).seq());
        assertEquals(4, out.get(0).orders().size());
        assertEquals(T0 * 1_000_000L + 7, out.get(0).originNanos());
        assertEquals(0, out.get(0).reference().compareTo(d("100")));
        assertEquals("ladder", out.get(0).strategy());
    }

    @Test
    void smallMovesAreThrottledUntilTheHeartbeat() {
        QuotingEngine engine = engine();
        engine.onReference(ref("SOL", "100", T0), T0);
        assertTrue(engine.onReference(ref("SOL", "100.01", T0 + 10), T0 + 10).isEmpty(), "1 bps move is below 2 bps");
        assertEquals(2, engine.onReference(ref("SOL", "100.03", T0 + 20), T0 + 20).size(), "3 bps move is above 2 bps");
        assertTrue(engine.onTick(T0 + 500).isEmpty());
        List<QuoteIntent> beat = engine.onTick(T0 + 1020);
        assertEquals(2, beat.size());
    }

    @Test
    void aPositionChangeReQuotesThatWalletSkewed() {
        QuotingEngine engine = engine();
        QuoteIntent flat = engine.onReference(ref("SOL", "100", T0), T0).get(0);
        List<QuoteIntent> out = engine.onPosition(position("w1", "SOL", "5"), T0 + 1);
        assertEquals(1, out.size());
        QuoteIntent skewed = out.get(0);
        assertEquals("w1", skewed.walletId());
        assertTrue(skewed.seq() > flat.seq());
        assertTrue(skewed.orders().get(0).price().compareTo(flat.orders().get(0).price()) < 0, "long: bid lower");
        assertTrue(skewed.orders().get(2).price().compareTo(flat.orders().get(2).price()) < 0, "long: ask lower");
        assertEquals(Side.SELL, skewed.orders().get(2).side());
    }

    @Test
    void aKillEmitsOneEmptyIntentInScopeThenNothingUntilReleased() {
        QuotingEngine engine = engine();
        engine.onReference(ref("SOL", "100", T0), T0);
        engine.onReference(ref("ETH", "3000", T0), T0);
        List<QuoteIntent> out = engine.onKill(new KillSwitch("wallet:w1", KillState.ENGAGED, "test", "operator", T0), T0 + 1);
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(i -> i.walletId().equals("w1") && i.orders().isEmpty()));
        List<QuoteIntent> later = engine.onReference(ref("SOL", "101", T0 + 2), T0 + 2);
        assertEquals(1, later.size(), "only w2 still quotes");
        assertEquals("w2", later.get(0).walletId());
        assertTrue(engine.onTick(T0 + 5000).stream().noneMatch(i -> i.walletId().equals("w1")));
        List<QuoteIntent> released = engine.onKill(new KillSwitch("wallet:w1", KillState.RELEASED, "ok", "operator", T0), T0 + 3);
        assertEquals(2, released.size());
        assertTrue(released.stream().allMatch(i -> i.walletId().equals("w1") && !i.orders().isEmpty()));
    }

    @Test
    void aStaleReferencePullsTheQuotesOnce() {
        QuotingEngine engine = engine();
        engine.onReference(ref("SOL", "100", T0), T0);
        List<QuoteIntent> out = engine.onTick(T0 + 6000);
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(i -> i.orders().isEmpty()));
        assertTrue(engine.onTick(T0 + 7000).isEmpty());
        assertTrue(engine.onReference(ref("SOL", "100", T0 - 60_000), T0 + 8000).isEmpty(), "an old reference is not quoted");
    }
}
