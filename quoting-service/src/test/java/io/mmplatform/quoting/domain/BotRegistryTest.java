package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.quoting.adapters.BotDefinitionJson;
import io.mmplatform.quoting.adapters.FileBotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.mmplatform.quoting.domain.QuotingEngineTest.T0;
import static io.mmplatform.quoting.domain.QuotingEngineTest.d;
import static io.mmplatform.quoting.domain.QuotingEngineTest.fill;
import static io.mmplatform.quoting.domain.QuotingEngineTest.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotRegistryTest {

    static InvalidDefinitionException refused(String json) {
        return assertThrows(InvalidDefinitionException.class, () -> BotDefinitionJson.parse(json));
    }

    @Test
    void definitionsParseExactlyAndBadOnesNameTheField() {
        BotDefinition d = BotDefinitionJson.parse("""
                {"id":"w1-btc-ladder","strategy":"ladder","wallet":"w1","markets":["BTC","SOL"],
                 "params":{"spread-bps":10.50,"levels":"3","size":0.005,"max-position":"0.05"},
                 "overrides":{"SOL":{"spread-bps":"12"}}}""");
        assertEquals(0, d("10.50").compareTo(d(d.params().get("spread-bps"))));
        assertEquals("0.005", d.params().get("size"));
        assertEquals(Map.of("spread-bps", "12"), d.overridesOf("SOL"));
        assertTrue(d.enabled());
        assertEquals(d, BotDefinitionJson.parse(BotDefinitionJson.write(d)));

        assertEquals("id", refused("{\"strategy\":\"probe\",\"wallet\":\"w1\",\"markets\":[\"BTC\"]}").field());
        assertEquals("strategy", refused("{\"id\":\"a\",\"wallet\":\"w1\",\"markets\":[\"BTC\"]}").field());
        assertEquals("wallet", refused("{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":3,\"markets\":[\"BTC\"]}").field());
        assertEquals("markets", refused("{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":\"w\",\"markets\":\"BTC\"}").field());
        assertEquals("colour", refused("{\"id\":\"a\",\"colour\":\"red\"}").field());
        assertEquals("params.levels", refused("{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":\"w\",\"markets\":[\"BTC\"],"
                + "\"params\":{\"levels\":[3]}}").field());
        assertEquals("overrides.SOL.size", refused("{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":\"w\","
                + "\"markets\":[\"SOL\"],\"overrides\":{\"SOL\":{\"size\":{}}}}").field());
        assertEquals("enabled", refused("{\"id\":\"a\",\"enabled\":\"yes\"}").field());
    }

    @Test
    void theVenueIsOptionalAndNeverBlank() {
        BotDefinition onDefault = BotDefinitionJson.parse("""
                {"id":"a","strategy":"probe","wallet":"w1","markets":["BTC"]}""");
        assertEquals(null, onDefault.venue());
        assertFalse(BotDefinitionJson.toJson(onDefault).has("venue"), "written back only when given");
        BotDefinition inj = BotDefinitionJson.parse("""
                {"id":"b","strategy":"probe","wallet":"w1","venue":"injective","markets":["INJ/USDT","INJ/USDT-PERP"],
                 "overrides":{"INJ/USDT-PERP":{"size":"2"}}}""");
        assertEquals("injective", inj.venue());
        assertEquals(List.of("INJ/USDT", "INJ/USDT-PERP"), inj.markets());
        assertEquals(Map.of("size", "2"), inj.overridesOf("INJ/USDT-PERP"));
        assertEquals(inj, BotDefinitionJson.parse(BotDefinitionJson.write(inj)));
        assertEquals("injective", inj.withEnabled(false).venue());
        assertEquals(onDefault, BotDefinitionJson.parse("""
                {"id":"a","strategy":"probe","wallet":"w1","venue":null,"markets":["BTC"]}"""));
        assertEquals("some-new-venue", BotDefinitionJson.parse("""
                {"id":"a","strategy":"probe","wallet":"w1","venue":"some-new-venue","markets":["BTC"]}""").venue(),
                "an unknown venue name is fine");

        for (String bad : List.of("\"\"", "\"  \"", "3", "\"inj/ective\"", "[\"injective\"]")) {
            assertEquals("venue", refused("{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":\"w\",\"venue\":" + bad
                    + ",\"markets\":[\"BTC\"]}").field(), bad);
        }
    }

    @Test
    void theRegistryShowsAndKeepsEachBotsVenue(@TempDir Path dir) {
        BotDefinition hl = QuotingEngineTest.bot("hl", "w1", "BTC");
        BotDefinition inj = QuotingEngineTest.bot("inj", "w1", "injective", List.of("INJ/USDT"));
        QuotingEngine engine = QuotingEngineTest.engine();
        BotRegistry registry = new BotRegistry(engine, new FileBotStore(dir), List.of(hl), T0, new ArrayList<>());
        registry.define(inj);
        assertEquals("hyperliquid", registry.status("hl").venue());
        assertEquals("injective", registry.status("inj").venue());
        assertEquals("injective", registry.summary("inj").venue());
        assertEquals("hyperliquid", registry.summary("hl").venue());
        registry.start("inj", T0 + 1);
        engine.onFill(fill("i1", "injective", "w1", "INJ/USDT", Side.SELL, "25", "1", "0.01", T0), T0 + 2);
        registry.persist();

        BotRegistry again = new BotRegistry(QuotingEngineTest.engine(), new FileBotStore(dir), List.of(hl), T0 + 10,
                new ArrayList<>());
        assertEquals(inj, again.status("inj").definition(), "the venue is kept in the state directory");
        assertEquals("injective", again.status("inj").venue());
        assertTrue(again.status("inj").running());
        assertEquals("injective", again.summary("inj").venue());
        assertEquals(1, again.summary("inj").total().fills());
    }

    @Test
    void aBadFileNamesTheFileAndTheField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"id\":\"a\",\"strategy\":\"p\",\"wallet\":\"w\",\"markets\":[]}");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> FileBotStore.readDirectory(dir));
        assertEquals("markets", e.field());
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    @Test
    void definitionsRunningStateAndSummariesSurviveARestart(@TempDir Path dir) {
        BotDefinition fileBot = QuotingEngineTest.bot("file-bot", "w1", "BTC");
        BotDefinition disabled = QuotingEngineTest.bot("off", "w1", "BTC").withEnabled(false);
        List<QuoteIntent> out = new ArrayList<>();
        QuotingEngine engine = QuotingEngineTest.engine();
        BotRegistry registry = new BotRegistry(engine, new FileBotStore(dir), List.of(fileBot, disabled), T0, out);
        assertTrue(engine.isRunning("file-bot"), "an enabled file bot runs when first seen");
        assertFalse(engine.isRunning("off"));
        assertThrows(BotRegistry.ConflictException.class, () -> registry.start("off", T0));

        BotDefinition api = QuotingEngineTest.bot("api-bot", "w2", "ETH", "BTC");
        registry.define(api);
        assertFalse(registry.status("api-bot").running(), "an API bot is stopped until started");
        assertThrows(BotRegistry.ConflictException.class, () -> registry.define(api), "duplicate id");
        assertThrows(BotRegistry.ConflictException.class,
                () -> registry.define(QuotingEngineTest.bot("clash", "w2", "BTC")), "(wallet, market) clash");
        assertThrows(BotRegistry.NotFoundException.class, () -> registry.start("nope", T0));
        assertThrows(BotRegistry.ConflictException.class, () -> registry.delete("file-bot", T0));

        registry.start("api-bot", T0);
        engine.onReference(ref("ETH", "3000", T0), T0);
        engine.onFill(fill("f1", "w2", "ETH", Side.BUY, "2998.5", "0.1", "0.02", T0), T0 + 1);
        assertEquals(1, registry.summary("api-bot").total().fills());
        List<QuoteIntent> stopped = registry.stop("file-bot", T0 + 2);
        assertEquals(1, stopped.size());
        assertTrue(stopped.get(0).orders().isEmpty());
        registry.persist();
        assertTrue(Files.exists(dir.resolve(FileBotStore.STATE_FILE)));

        // a new engine and registry on the same state directory
        QuotingEngine engine2 = QuotingEngineTest.engine();
        BotRegistry registry2 = new BotRegistry(engine2, new FileBotStore(dir), List.of(fileBot, disabled), T0 + 10,
                new ArrayList<>());
        assertEquals(List.of("file-bot", "off", "api-bot"),
                registry2.list().stream().map(s -> s.definition().id()).toList());
        assertFalse(engine2.isRunning("file-bot"), "stopped stays stopped");
        assertTrue(engine2.isRunning("api-bot"), "running stays running");
        assertEquals(api, registry2.status("api-bot").definition());
        BotSummary.Snapshot summary = registry2.summary("api-bot");
        assertEquals(1, summary.total().fills());
        assertEquals(0, summary.markets().stream().filter(m -> m.market().equals("ETH")).findFirst().orElseThrow()
                .position().compareTo(d("0.1")));

        List<QuoteIntent> deleted = registry2.delete("api-bot", T0 + 20);
        assertEquals(2, deleted.size(), "one empty intent per market");
        BotRegistry registry3 = new BotRegistry(QuotingEngineTest.engine(), new FileBotStore(dir),
                List.of(fileBot, disabled), T0 + 30, new ArrayList<>());
        assertEquals(List.of("file-bot", "off"), registry3.list().stream().map(s -> s.definition().id()).toList());
    }

    @Test
    void aStrategysStateSurvivesAStopAndARestartAndABadSnapshotStartsFresh(@TempDir Path dir) {
        BotDefinition bot = QuotingEngineTest.bot("probe-bot", "w1", "ETH");
        QuotingEngine engine = QuotingEngineTest.engine();
        BotRegistry registry = new BotRegistry(engine, new FileBotStore(dir), List.of(bot), T0, new ArrayList<>());
        engine.onReference(ref("ETH", "3000", T0), T0);
        engine.onFill(fill("f1", "w1", "ETH", Side.BUY, "2998.5", "0.1", "0.02", T0), T0 + 1);
        engine.onFill(fill("f2", "w1", "ETH", Side.SELL, "3001.5", "0.1", "0.02", T0), T0 + 2);
        assertEquals(Map.of("ETH", Map.of("fills-seen", "2")), registry.status("probe-bot").strategy());

        registry.stop("probe-bot", T0 + 3);
        assertEquals(Map.of(), registry.status("probe-bot").strategy(), "a stopped bot shows no strategy status");
        registry.start("probe-bot", T0 + 4);
        assertEquals(Map.of("ETH", Map.of("fills-seen", "2")), registry.status("probe-bot").strategy(),
                "a stop and start continues the strategy's state");
        registry.persist();

        QuotingEngine engine2 = QuotingEngineTest.engine();
        BotRegistry registry2 = new BotRegistry(engine2, new FileBotStore(dir), List.of(bot), T0 + 10, new ArrayList<>());
        assertEquals(Map.of("ETH", Map.of("fills-seen", "2")), registry2.status("probe-bot").strategy(),
                "a restart continues it too");

        FileBotStore store = new FileBotStore(dir);
        BotStore.State saved = store.loadState();
        store.saveState(new BotStore.State(saved.running(), saved.summaries(), Map.of("probe-bot", Map.of("ETH", "bogus"))));
        QuotingEngine engine3 = QuotingEngineTest.engine();
        BotRegistry registry3 = new BotRegistry(engine3, store, List.of(bot), T0 + 20, new ArrayList<>());
        assertTrue(engine3.isRunning("probe-bot"));
        assertEquals(Map.of("ETH", Map.of("fills-seen", "0")), registry3.status("probe-bot").strategy());
        assertTrue(registry3.status("probe-bot").errors().get("ETH").startsWith("saved state not restored"),
                registry3.status("probe-bot").errors().toString());
    }
}
