package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.VenueBook;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotingEngineTest {
    static final long T0 = 1_700_000_000_000L;
    static final Map<String, Integer> SZ = Map.of("BTC", 5, "ETH", 4, "SOL", 2, "INJ", 1, "INJ/USDT", 3,
            "INJ/USDT-PERP", 3);

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static QuotingEngine engine() {
        return new QuotingEngine(new QuotingEngine.Settings("hyperliquid", 2_000, 10_000),
                new BotFactory(ProbeStrategy.strategies(), SZ), 1_000);
    }

    static BotDefinition bot(String id, String wallet, String... markets) {
        return new BotDefinition(id, "probe", wallet, List.of(markets), Map.of("spread-bps", "10", "size", "0.005"),
                Map.of(), true);
    }

    static ReferencePrice ref(String market, String price, long atMs) {
        return new ReferencePrice(market, "pyth", d(price), d("0.01"), atMs, atMs * 1_000_000L);
    }

    static Fill fill(String id, String wallet, String market, Side side, String px, String sz, String fee, long t) {
        return fill(id, "hyperliquid", wallet, market, side, px, sz, fee, t);
    }

    static Fill fill(String id, String venue, String wallet, String market, Side side, String px, String sz, String fee,
                     long t) {
        return new Fill(id, wallet, "0xabc", venue, market, side, d(px), d(sz), d(fee), "USDC", Liquidity.MAKER,
                1L, "c1", t, t * 1_000_000L);
    }

    /** A probe bot on a venue of its own. */
    static BotDefinition bot(String id, String wallet, String venue, List<String> markets) {
        return new BotDefinition(id, "probe", wallet, venue, markets, Map.of("spread-bps", "10", "size", "1"),
                Map.of(), true);
    }

    static VenueBook book(String venue, String market, long seq, String bid, String ask, long t) {
        return new VenueBook(venue, market, seq, t, t * 1_000_000L, List.of(new PriceLevel(d(bid), d("10"), 1)),
                List.of(new PriceLevel(d(ask), d("10"), 1)));
    }

    static QuoteIntent of(List<QuoteIntent> list, String venue, String market) {
        return list.stream().filter(i -> i.venue().equals(venue) && i.market().equals(market)).findFirst()
                .orElseThrow(() -> new AssertionError("no intent for " + venue + "/" + market + " in " + list));
    }

    static DesiredOrder level(QuoteIntent intent, String id) {
        return intent.orders().stream().filter(o -> o.levelId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + intent.orders()));
    }

    static QuoteIntent only(List<QuoteIntent> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    @Test
    void quotesOnAReferenceAndReEmitsOnlyOnChangeOrHeartbeat() {
        QuotingEngine engine = engine();
        BotSummary summary = new BotSummary("hyperliquid");
        assertEquals(List.of(), engine.start(bot("b1", "w1", "BTC"), summary, T0));
        QuoteIntent first = only(engine.onReference(ref("BTC", "60000", T0), T0));
        assertEquals("w1", first.walletId());
        assertEquals("probe", first.strategy());
        assertEquals(1_000, first.seq());
        assertEquals(0, level(first, "b0").price().compareTo(d("59970")));
        assertEquals(0, level(first, "a0").price().compareTo(d("60030")));
        assertEquals(0, level(first, "a0").size().compareTo(d("0.005")));
        assertEquals(T0 * 1_000_000L, first.originNanos());
        // same set: nothing until the heartbeat
        assertEquals(List.of(), engine.onReference(ref("BTC", "60000", T0 + 500), T0 + 500));
        assertEquals(List.of(), engine.onTick(T0 + 1_000));
        assertEquals(1_001, only(engine.onTick(T0 + 2_000)).seq());
        // a different set goes out at once
        QuoteIntent moved = only(engine.onReference(ref("BTC", "61000", T0 + 2_100), T0 + 2_100));
        assertEquals(0, moved.reference().compareTo(d("61000")));
        var s = summary.snapshot();
        assertEquals(3, s.total().intents());
        assertEquals(6, s.total().orders());
    }

    @Test
    void theVenueBookPositionAndFillsReachTheStrategy() {
        QuotingEngine engine = engine();
        BotSummary summary = new BotSummary("hyperliquid");
        engine.start(bot("b1", "w1", "BTC"), summary, T0);
        engine.onReference(ref("BTC", "60000", T0), T0);
        VenueBook book = new VenueBook("hyperliquid", "BTC", 1, T0, T0 * 1_000_000L,
                List.of(new PriceLevel(d("59990"), d("1"), 2)), List.of(new PriceLevel(d("60010"), d("1"), 1)));
        QuoteIntent withBook = only(engine.onVenueBook(book, T0 + 10));
        assertEquals(0, level(withBook, "b1").price().compareTo(d("59990")));
        // another venue's book is not the target's
        assertEquals(List.of(), engine.onVenueBook(new VenueBook("injective", "BTC", 9, T0, T0, List.of(), List.of()),
                T0 + 11));

        PositionUpdate pos = new PositionUpdate("w1", "0xabc", "hyperliquid", "BTC", d("0.012"), d("60000"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("60000"), 1, T0);
        assertEquals(0, level(only(engine.onPosition(pos, T0 + 20)), "b2").size().compareTo(d("0.012")));

        QuoteIntent afterFill = only(engine.onFill(fill("f1", "w1", "BTC", Side.BUY, "59970", "0.005", "0.01", T0), T0 + 30));
        assertEquals(0, level(afterFill, "a1").size().compareTo(d("0.00001")), "one onFill call");
        assertEquals(0, level(afterFill, "a2").size().compareTo(d("0.00001")), "one fill in the tick");
        assertEquals(0, level(afterFill, "b2").size().compareTo(d("0.017")),
                "the fill counts in the position before portfolio's next snapshot");
        // the same fill again (a redelivery) is counted once; another wallet's fill is not this bot's
        assertEquals(List.of(), engine.onFill(fill("f1", "w1", "BTC", Side.BUY, "59970", "0.005", "0.01", T0), T0 + 31));
        assertEquals(List.of(), engine.onFill(fill("f2", "w9", "BTC", Side.BUY, "59970", "0.005", "0.01", T0), T0 + 32));
        QuoteIntent second = only(engine.onFill(fill("f3", "w1", "BTC", Side.SELL, "60030", "0.003", "-0.002", T0), T0 + 40));
        assertEquals(0, level(second, "a1").size().compareTo(d("0.00002")));
        assertEquals(0, level(second, "b2").size().compareTo(d("0.014")));
        // portfolio's snapshot after f1 only (it lags): f3 still counts on top of it, f1 not twice
        PositionUpdate lagging = new PositionUpdate("w1", "0xabc", "hyperliquid", "BTC", d("0.017"), d("60000"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("60000"), 2, T0);
        assertEquals(List.of(), engine.onPosition(lagging, T0 + 41), "0.017 - 0.003: the same position, no new intent");
        PositionUpdate caughtUp = new PositionUpdate("w1", "0xabc", "hyperliquid", "BTC", d("0.014"), d("60000"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("60000"), 3, T0);
        assertEquals(List.of(), engine.onPosition(caughtUp, T0 + 42), "all fills counted: still 0.014");
        BotSummary.MarketSummary btc = summary.snapshot().markets().get(0);
        assertEquals(2, btc.fills());
        assertEquals(0, btc.volume().compareTo(d("0.008")));
        assertEquals(0, btc.fees().compareTo(d("0.008")));
        assertEquals(0, btc.realizedPnl().compareTo(d("0.18")), "0.003 x (60030 - 59970)");
        assertEquals(0, btc.position().compareTo(d("0.002")));
        assertEquals(0, btc.avgEntry().compareTo(d("59970")));
    }

    static DataQuality quality(String market, QualityState state, long atMs) {
        return new DataQuality(market, state, "test", Map.of("pyth", d("60000")), atMs);
    }

    @Test
    void aDegradedInstrumentPullsItsQuotesOnceAndQuotesAgainOnTheFirstFreshReferenceAfterOk() {
        QuotingEngine engine = engine();
        engine.start(bot("b1", "w1", "BTC", "ETH"), new BotSummary("hyperliquid"), T0);
        engine.start(bot("b2", "w2", "BTC"), new BotSummary("hyperliquid"), T0);
        assertEquals(3, engine.onReference(ref("BTC", "60000", T0), T0).size() + 1, "b1 and b2 quote BTC");
        assertEquals(1, engine.onReference(ref("ETH", "3000", T0), T0).size());

        List<QuoteIntent> pulled = engine.onQuality(quality("BTC", QualityState.DIVERGED, T0 + 100), T0 + 100);
        assertEquals(List.of("w1", "w2"), pulled.stream().map(QuoteIntent::walletId).sorted().toList(),
                "one empty intent per quoting (wallet, BTC)");
        assertTrue(pulled.stream().allMatch(i -> i.orders().isEmpty() && i.market().equals("BTC")));
        assertEquals(java.util.Set.of("BTC"), engine.degradedInstruments());
        assertEquals(List.of(), engine.onQuality(quality("BTC", QualityState.STALE, T0 + 150), T0 + 150), "pulled once");
        assertEquals(List.of(), engine.onTick(T0 + 200), "nothing while degraded (ETH unchanged)");
        assertEquals(List.of(), engine.onReference(ref("BTC", "60100", T0 + 300), T0 + 300),
                "a reference while degraded is not quoted on");
        QuoteIntent eth = only(engine.onReference(ref("ETH", "3010", T0 + 300), T0 + 300));
        assertEquals("ETH", eth.market(), "other instruments go on");
        assertEquals(List.of(), engine.onQuality(quality("BTC", QualityState.DIVERGED, T0 + 50), T0 + 400),
                "an older event is ignored");

        // OK: the reference received during the degradation (after it began) is fresh: quote on it at once
        List<QuoteIntent> resumed = engine.onQuality(quality("BTC", QualityState.OK, T0 + 500), T0 + 500);
        assertEquals(2, resumed.size());
        assertTrue(resumed.stream().allMatch(i -> !i.orders().isEmpty() && i.reference().compareTo(d("60100")) == 0));
        assertEquals(java.util.Set.of(), engine.degradedInstruments());

        // degraded again; the only reference seen is from before it: OK alone does not quote, the next reference does
        engine.onReference(ref("BTC", "60200", T0 + 600), T0 + 600);
        assertEquals(2, engine.onQuality(quality("BTC", QualityState.STALE, T0 + 700), T0 + 700).size());
        engine.onReference(ref("BTC", "60150", T0 + 650), T0 + 750); // made before the degradation, arrived late
        assertEquals(List.of(), engine.onQuality(quality("BTC", QualityState.OK, T0 + 800), T0 + 800));
        assertEquals(List.of(), engine.onTick(T0 + 900).stream().filter(i -> i.market().equals("BTC")).toList(),
                "no reference: no BTC quotes");
        List<QuoteIntent> again = engine.onReference(ref("BTC", "60300", T0 + 900), T0 + 900);
        assertEquals(2, again.size());
        assertTrue(again.stream().allMatch(i -> !i.orders().isEmpty()));
        assertEquals(List.of(), engine.onQuality(quality("ETH", QualityState.OK, T0 + 1000), T0 + 1000),
                "OK for an instrument that was fine changes nothing");
    }

    @Test
    void aBotOnInjectiveQuotesItsTickersFromTheInstrumentsReferenceAndItsVenuesBooks() {
        QuotingEngine engine = engine();
        BotDefinition inj = bot("inj", "w3", "injective", List.of("INJ/USDT", "INJ/USDT-PERP"));
        BotDefinition hl = bot("hl", "w4", null, List.of("INJ"));
        assertEquals("injective", engine.venueOf(inj));
        assertEquals("hyperliquid", engine.venueOf(hl), "no venue: the service's default");
        engine.start(inj, new BotSummary("injective"), T0);
        engine.start(hl, new BotSummary("hyperliquid"), T0);

        List<QuoteIntent> quoted = engine.onReference(ref("INJ", "25", T0), T0);
        assertEquals(3, quoted.size(), "one reference, three markets on two venues: " + quoted);
        for (String market : List.of("INJ/USDT", "INJ/USDT-PERP")) {
            QuoteIntent i = of(quoted, "injective", market);
            assertEquals("w3", i.walletId());
            assertEquals(0, i.reference().compareTo(d("25")));
            assertEquals(0, level(i, "b0").price().compareTo(d("24.9875")));
        }
        assertEquals("w4", of(quoted, "hyperliquid", "INJ").walletId());

        // the perp's book on injective reaches the perp only
        QuoteIntent perp = only(engine.onVenueBook(book("injective", "INJ/USDT-PERP", 1, "24.99", "25.01", T0),
                T0 + 1));
        assertEquals("injective", perp.venue());
        assertEquals("INJ/USDT-PERP", perp.market());
        assertEquals(0, level(perp, "b1").price().compareTo(d("24.99")));
        // a book of a market of the same name on another venue is not the bot's
        assertEquals(List.of(), engine.onVenueBook(book("hyperliquid", "INJ/USDT", 1, "24.9", "25.1", T0), T0 + 2));
        assertEquals(List.of(), engine.onVenueBook(book("injective", "INJ", 1, "24.9", "25.1", T0), T0 + 3),
                "the hyperliquid bot on INJ is unaffected by an injective book");
        QuoteIntent hlBook = only(engine.onVenueBook(book("hyperliquid", "INJ", 1, "24.98", "25.02", T0), T0 + 4));
        assertEquals("hyperliquid", hlBook.venue());
        assertEquals(0, level(hlBook, "b1").price().compareTo(d("24.98")));
        // a bot started later sees the books of its own venue
        engine.stop("inj", T0 + 5);
        QuoteIntent again = of(engine.start(inj, new BotSummary("injective"), T0 + 6), "injective", "INJ/USDT-PERP");
        assertEquals(0, level(again, "b1").price().compareTo(d("24.99")));

        // fills by (venue, market, wallet); positions by wallet/market, '/' in the market name
        BotSummary summary = new BotSummary("injective");
        engine.stop("inj", T0 + 7);
        engine.start(inj, summary, T0 + 8);
        QuoteIntent filled = only(engine.onFill(fill("i1", "injective", "w3", "INJ/USDT", Side.BUY, "24.98", "1",
                "0.01", T0), T0 + 9));
        assertEquals("INJ/USDT", filled.market());
        assertEquals(0, level(filled, "a1").size().compareTo(d("0.001")), "the strategy saw the fill");
        assertEquals(List.of(), engine.onFill(fill("h1", "hyperliquid", "w3", "INJ/USDT", Side.BUY, "24.98", "1", "0",
                T0), T0 + 10), "a fill on another venue is not the injective bot's");
        assertEquals(1, summary.snapshot().total().fills());
        assertEquals("injective", summary.snapshot().venue());
        PositionUpdate pos = new PositionUpdate("w3", "inj1abc", "injective", "INJ/USDT", d("3"), d("25"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("25"), 2, T0);
        QuoteIntent withPosition = only(engine.onPosition(pos, T0 + 11));
        assertEquals("INJ/USDT", withPosition.market());
        assertEquals(0, level(withPosition, "b2").size().compareTo(d("3")));
    }

    @Test
    void qualityAndKillsOfAnInstrumentReachEveryMarketPricedFromIt() {
        QuotingEngine engine = engine();
        engine.start(bot("inj", "w3", "injective", List.of("INJ/USDT", "INJ/USDT-PERP")), new BotSummary("injective"),
                T0);
        engine.start(bot("hl", "w4", "hyperliquid", List.of("INJ")), new BotSummary("hyperliquid"), T0);
        engine.start(bot("btc", "w4", "hyperliquid", List.of("BTC")), new BotSummary("hyperliquid"), T0);
        engine.onReference(ref("BTC", "60000", T0), T0);
        assertEquals(3, engine.onReference(ref("INJ", "25", T0), T0).size());

        // a kill of one Injective market pulls that market only
        QuoteIntent spot = only(engine.onKill(new KillSwitch("market:INJ/USDT", KillState.ENGAGED, "t", "operator:t",
                T0), T0 + 1));
        assertEquals("INJ/USDT", spot.market());
        assertTrue(spot.orders().isEmpty());
        // a kill of the instrument pulls every venue's market priced from it, not BTC
        List<QuoteIntent> instrument = engine.onKill(new KillSwitch("market:INJ", KillState.ENGAGED, "stale",
                "risk-service", T0), T0 + 2);
        assertEquals(List.of("INJ", "INJ/USDT-PERP"), instrument.stream().map(QuoteIntent::market).sorted().toList());
        assertTrue(instrument.stream().allMatch(i -> i.orders().isEmpty()));
        assertTrue(engine.isBlocked("w3", "INJ/USDT-PERP"));
        assertEquals(List.of(), engine.onReference(ref("INJ", "25.1", T0 + 3), T0 + 3));
        List<QuoteIntent> released = engine.onKill(new KillSwitch("market:INJ", KillState.RELEASED, "fresh",
                "risk-service", T0), T0 + 4);
        assertEquals(List.of("INJ", "INJ/USDT-PERP"), released.stream().map(QuoteIntent::market).sorted().toList(),
                "INJ/USDT stays killed by its own scope");
        assertTrue(released.stream().noneMatch(i -> i.orders().isEmpty()));
        engine.onKill(new KillSwitch("market:INJ/USDT", KillState.RELEASED, "t", "operator:t", T0), T0 + 5);

        // a degraded instrument pulls every market priced from it and quotes again after OK and a fresh reference
        List<QuoteIntent> pulled = engine.onQuality(quality("INJ", QualityState.DIVERGED, T0 + 10), T0 + 10);
        assertEquals(List.of("INJ", "INJ/USDT", "INJ/USDT-PERP"),
                pulled.stream().map(QuoteIntent::market).sorted().toList());
        assertTrue(pulled.stream().allMatch(i -> i.orders().isEmpty()));
        assertEquals(List.of(), engine.onTick(T0 + 20).stream().filter(i -> !i.market().equals("BTC")).toList());
        engine.onQuality(quality("INJ", QualityState.OK, T0 + 30), T0 + 30);
        List<QuoteIntent> resumed = engine.onReference(ref("INJ", "25.2", T0 + 40), T0 + 40);
        assertEquals(3, resumed.size());
        assertTrue(resumed.stream().allMatch(i -> !i.orders().isEmpty() && i.reference().compareTo(d("25.2")) == 0));
    }

    @Test
    void aStaleReferencePullsOnceAndAKillPullsUntilReleased() {
        QuotingEngine engine = engine();
        engine.start(bot("b1", "w1", "BTC", "ETH"), new BotSummary("hyperliquid"), T0);
        engine.onReference(ref("BTC", "60000", T0), T0);
        QuoteIntent pulled = only(engine.onTick(T0 + 10_001));
        assertTrue(pulled.orders().isEmpty());
        assertEquals(List.of(), engine.onTick(T0 + 12_001));

        engine.onReference(ref("ETH", "3000", T0 + 20_000), T0 + 20_000);
        List<QuoteIntent> killed = engine.onKill(new KillSwitch("wallet:w1", KillState.ENGAGED, "t", "operator:t",
                T0), T0 + 20_001);
        assertEquals(List.of("BTC", "ETH"), killed.stream().map(QuoteIntent::market).toList());
        assertTrue(killed.stream().allMatch(i -> i.orders().isEmpty()));
        assertEquals(List.of(), engine.onReference(ref("ETH", "3100", T0 + 20_002), T0 + 20_002));
        assertEquals(List.of(), engine.onTick(T0 + 25_000));
        QuoteIntent resumed = only(engine.onKill(new KillSwitch("wallet:w1", KillState.RELEASED, "t", "operator:t",
                T0), T0 + 25_001)); // BTC's reference is stale: only ETH quotes
        assertEquals(0, resumed.reference().compareTo(d("3100")));
        assertEquals(4, resumed.orders().size() + 2, "b0 and a0");
    }

    @Test
    void aStoppedBotPullsEveryMarketAndTwoBotsCannotShareAPair() {
        QuotingEngine engine = engine();
        engine.onReference(ref("BTC", "60000", T0), T0);
        // a bot started later quotes at once on what the engine knows
        assertEquals(1, engine.start(bot("b1", "w1", "BTC", "ETH"), new BotSummary("hyperliquid"), T0 + 1).size());
        assertThrows(QuotingEngine.ClashException.class,
                () -> engine.start(bot("b2", "w1", "ETH"), new BotSummary("hyperliquid"), T0 + 2));
        engine.start(bot("b3", "w2", "ETH"), new BotSummary("hyperliquid"), T0 + 3);
        List<QuoteIntent> stop = engine.stop("b1", T0 + 4);
        assertEquals(List.of("BTC", "ETH"), stop.stream().map(QuoteIntent::market).toList());
        assertTrue(stop.stream().allMatch(i -> i.orders().isEmpty()));
        assertEquals(List.of(), engine.onReference(ref("BTC", "60100", T0 + 5), T0 + 5));
        // now the pair is free
        engine.start(bot("b2", "w1", "ETH"), new BotSummary("hyperliquid"), T0 + 6);
        assertEquals(java.util.Set.of("b2", "b3"), engine.runningBots());
        assertEquals(List.of("w1", "w2"), engine.onReference(ref("ETH", "3000", T0 + 7), T0 + 7).stream()
                .map(QuoteIntent::walletId).sorted().toList(), "an ETH reference reaches both bots quoting ETH");
    }

    @Test
    void aDefinitionThatCannotRunIsRefusedNamingTheField() {
        BotFactory factory = new BotFactory(ProbeStrategy.strategies(), SZ);
        assertEquals("params.spread", assertThrows(InvalidDefinitionException.class, () -> factory.build(
                new BotDefinition("x", "probe", "w1", List.of("BTC"), Map.of("size", "0.005", "spread", "3"), Map.of(),
                        true))).field());
        assertEquals("overrides.SOL.size", assertThrows(InvalidDefinitionException.class, () -> factory.build(
                new BotDefinition("x", "probe", "w1", List.of("BTC", "SOL"), Map.of("size", "0.005"),
                        Map.of("SOL", Map.of("size", "abc")), true))).field());
        assertEquals("params.size", assertThrows(InvalidDefinitionException.class, () -> factory.build(
                new BotDefinition("x", "probe", "w1", List.of("BTC"), Map.of(), Map.of(), true))).field());
        assertEquals("strategy", assertThrows(InvalidDefinitionException.class, () -> factory.build(
                new BotDefinition("x", "nope", "w1", List.of("BTC"), Map.of(), Map.of(), true))).field());
        assertEquals("markets[0]", assertThrows(InvalidDefinitionException.class, () -> factory.build(
                new BotDefinition("x", "probe", "w1", List.of("DOGE"), Map.of("size", "1"), Map.of(), true))).field());
        assertEquals("id", assertThrows(InvalidDefinitionException.class, () ->
                new BotDefinition(" ", "probe", "w1", List.of("BTC"), Map.of(), Map.of(), true)).field());
        assertEquals("wallet", assertThrows(InvalidDefinitionException.class, () ->
                new BotDefinition("x", "probe", null, List.of("BTC"), Map.of(), Map.of(), true)).field());
        assertEquals("markets", assertThrows(InvalidDefinitionException.class, () ->
                new BotDefinition("x", "probe", "w1", List.of(), Map.of(), Map.of(), true)).field());
        assertEquals("overrides.SOL", assertThrows(InvalidDefinitionException.class, () ->
                new BotDefinition("x", "probe", "w1", List.of("BTC"), Map.of(), Map.of("SOL", Map.of()), true)).field());
        assertEquals(1000L, BotFactory.lotOf(5));
        assertEquals(100_000_000L, BotFactory.lotOf(0));
    }

    @Test
    void theSummaryKeepsRealizedProfitByAverageCost() {
        BotSummary s = new BotSummary("hyperliquid");
        s.fill("ETH", true, d("100"), d("1"), d("0.1"));
        s.fill("ETH", true, d("110"), d("1"), d("0.1"));
        s.fill("ETH", false, d("120"), d("3"), d("-0.05"));  // closes 2 at avg 105, opens a short of 1 at 120
        s.fill("ETH", true, d("119"), d("1"), BigDecimal.ZERO);
        BotSummary.MarketSummary eth = s.snapshot().markets().get(0);
        assertEquals(0, eth.realizedPnl().compareTo(d("31")), "2 x 15 + 1 x 1");
        assertEquals(0, eth.position().signum());
        assertEquals(0, eth.fees().compareTo(d("0.15")));
        assertEquals(0, eth.notional().compareTo(d("689")));
        assertEquals(4, s.snapshot().total().fills());
        BotSummary copy = new BotSummary("hyperliquid", s.snapshot());
        assertEquals(s.snapshot(), copy.snapshot());
    }
}
