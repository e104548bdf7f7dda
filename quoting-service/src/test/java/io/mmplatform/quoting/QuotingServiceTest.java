package io.mmplatform.quoting;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * quoting-service against a real broker, with the bots of src/test/resources/bots (t1-btc: wallet t1 on BTC and
 * ETH; t2-sol: wallet t2 on SOL; t3-off: disabled) and the test-only probe strategy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class QuotingServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/bots")
    URI api;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void sendReference(String instrument, String price) {
        long now = System.currentTimeMillis();
        ReferencePrice ref = new ReferencePrice(instrument, "pyth", d(price), d("0.01"), now, now * 1_000_000L);
        TestKafka.send(Topics.MD_REFERENCE, instrument, Codecs.REFERENCE_PRICE.encode(ref));
    }

    private static QuoteIntent intent(ConsumerRecord<String, String> record) {
        return Codecs.QUOTE_INTENT.decode(record.value());
    }

    private static Predicate<ConsumerRecord<String, String>> intentOf(String wallet, String market,
                                                                       Predicate<QuoteIntent> match) {
        return r -> {
            QuoteIntent i = intent(r);
            return r.key().equals(wallet) && i.walletId().equals(wallet) && i.market().equals(market) && match.test(i);
        };
    }

    private static boolean has(QuoteIntent intent, String levelId) {
        return intent.orders().stream().anyMatch(o -> o.levelId().equals(levelId));
    }

    private static DesiredOrder level(QuoteIntent intent, String levelId) {
        return intent.orders().stream().filter(o -> o.levelId().equals(levelId)).findFirst().orElseThrow();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    @Test
    void aReferenceProducesAnIntentPerRunningBot() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("BTC", "60000");
            QuoteIntent t1 = intent(out.awaitRecord(intentOf("t1", "BTC",
                    i -> i.reference() != null && i.reference().compareTo(d("60000")) == 0), WAIT));
            assertEquals("probe", t1.strategy());
            assertEquals("hyperliquid", t1.venue());
            assertEquals(0, level(t1, "b0").price().compareTo(d("59970")));
            assertEquals(0, level(t1, "a0").price().compareTo(d("60030")));
            assertEquals(0, level(t1, "a0").size().compareTo(d("0.005")));
            assertEquals(TimeInForce.ALO, level(t1, "b0").tif());
            assertTrue(t1.originNanos() > 0);
        }
    }

    @Test
    void aVenueBookAndAFillReachTheStrategyAndTheSummary() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("ETH", "3000");
            QuoteIntent first = intent(out.awaitRecord(intentOf("t1", "ETH", i -> !i.orders().isEmpty()), WAIT));
            // the ETH override: size 0.1
            assertEquals(0, level(first, "b0").size().compareTo(d("0.1")));
            long now = System.currentTimeMillis();
            VenueBook book = new VenueBook("hyperliquid", "ETH", 7, now, now * 1_000_000L,
                    List.of(new PriceLevel(d("2999.1"), d("3"), 2)), List.of(new PriceLevel(d("3000.9"), d("2"), 1)));
            TestKafka.send(Topics.MD_VENUE_BOOK, book.key(), Codecs.VENUE_BOOK.encode(book));
            out.awaitRecord(intentOf("t1", "ETH", i -> has(i, "b1")
                    && level(i, "b1").price().compareTo(d("2999.1")) == 0), WAIT);

            Fill fill = new Fill("svc-fill-1", "t1", "0xabc", "hyperliquid", "ETH", Side.BUY, d("2998.5"), d("0.1"),
                    d("0.03"), "USDC", Liquidity.MAKER, 11L, "c-1", now, now * 1_000_000L);
            TestKafka.send(Topics.EXEC_FILLS, fill.key(), Codecs.FILL.encode(fill));
            out.awaitRecord(intentOf("t1", "ETH", i -> has(i, "a1") && has(i, "a2")), WAIT);
            Await.until("the fill is in t1-btc's summary", WAIT,
                    () -> call("GET", "/t1-btc/summary", null).body().path("total").path("fills").asLong() == 1);
            JsonNode summary = call("GET", "/t1-btc/summary", null).body();
            JsonNode eth = null;
            for (JsonNode m : summary.path("markets")) {
                if (m.path("market").asText().equals("ETH")) {
                    eth = m;
                }
            }
            assertEquals(0, d(eth.path("position").asText()).compareTo(d("0.1")));
            assertEquals(0, d(eth.path("fees").asText()).compareTo(d("0.03")));
            assertEquals(0, d(eth.path("avgEntry").asText()).compareTo(d("2998.5")));
            assertTrue(eth.path("intents").asLong() >= 3);
        }
    }

    @Test
    void botsAreListedDefinedStartedStoppedAndDeletedOverHttp() {
        Answer list = call("GET", "", null);
        assertEquals(200, list.status());
        assertEquals("running", find(list.body(), "t1-btc").path("status").asText());
        assertEquals("disabled", find(list.body(), "t3-off").path("status").asText());
        assertEquals("file", find(list.body(), "t2-sol").path("origin").asText());

        Answer bad = call("POST", "", "{\"id\":\"api-bad\",\"strategy\":\"probe\",\"wallet\":\"t9\",\"markets\":[\"SOL\"],"
                + "\"params\":{\"size\":\"1\",\"levels\":3}}");
        assertEquals(400, bad.status(), String.valueOf(bad.body()));
        assertEquals("params.levels", bad.body().path("field").asText());
        assertTrue(bad.body().path("error").asText().contains("params.levels"));
        Answer badOverride = call("POST", "", "{\"id\":\"api-bad\",\"strategy\":\"probe\",\"wallet\":\"t9\","
                + "\"markets\":[\"SOL\"],\"params\":{\"size\":\"1\"},\"overrides\":{\"SOL\":{\"size\":\"x\"}}}");
        assertEquals("overrides.SOL.size", badOverride.body().path("field").asText());
        assertEquals("colour", call("POST", "", "{\"id\":\"api-bad\",\"colour\":1}").body().path("field").asText());
        assertEquals(409, call("POST", "", "{\"id\":\"api-clash\",\"strategy\":\"probe\",\"wallet\":\"t2\","
                + "\"markets\":[\"SOL\"],\"params\":{\"size\":\"1\"}}").status(), "t2/SOL is t2-sol's");

        String def = "{\"id\":\"api-inj\",\"strategy\":\"probe\",\"wallet\":\"t9\",\"markets\":[\"INJ\"],"
                + "\"params\":{\"spread-bps\":20,\"size\":1.5}}";
        Answer created = call("POST", "", def);
        assertEquals(201, created.status(), String.valueOf(created.body()));
        assertEquals("stopped", created.body().path("status").asText());
        assertEquals("1.5", created.body().path("definition").path("params").path("size").asText());
        assertEquals(409, call("POST", "", def).status(), "duplicate id");
        assertEquals(404, call("POST", "/nope/start", null).status());

        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("INJ", "25");
            Answer started = call("POST", "/api-inj/start", null);
            assertEquals(200, started.status());
            assertEquals("running", started.body().path("status").asText());
            QuoteIntent quoted = intent(out.awaitRecord(intentOf("t9", "INJ", i -> !i.orders().isEmpty()), WAIT));
            assertEquals(0, level(quoted, "b0").price().compareTo(d("24.975")));
            assertEquals(0, level(quoted, "b0").size().compareTo(d("1.5")));

            Answer stopped = call("POST", "/api-inj/stop", null);
            assertEquals("stopped", stopped.body().path("status").asText());
            out.awaitRecord(intentOf("t9", "INJ", i -> i.orders().isEmpty()), WAIT);
            Answer one = call("GET", "/api-inj", null);
            assertEquals("api", one.body().path("origin").asText());
            assertTrue(one.body().path("summary").path("total").path("intents").asLong() >= 2);
            assertEquals(204, call("DELETE", "/api-inj", null).status());
            assertEquals(404, call("GET", "/api-inj", null).status());
            assertEquals(409, call("DELETE", "/t2-sol", null).status(), "a file bot is not deleted over HTTP");
        }
    }

    @Test
    void aBotOnInjectiveQuotesItsTickerFromTheInstrumentsReference() {
        String def = "{\"id\":\"api-inj-perp\",\"strategy\":\"probe\",\"wallet\":\"t8\",\"venue\":\"injective\","
                + "\"markets\":[\"INJ/USDT-PERP\"],\"params\":{\"spread-bps\":20,\"size\":\"1.5\"}}";
        Answer created = call("POST", "", def);
        assertEquals(201, created.status(), String.valueOf(created.body()));
        assertEquals("injective", created.body().path("venue").asText());
        assertEquals("injective", created.body().path("definition").path("venue").asText());
        assertEquals("hyperliquid", find(call("GET", "", null).body(), "t1-btc").path("venue").asText(),
                "a bot without a venue is on quoting.venue");
        assertEquals("venue", call("POST", "", "{\"id\":\"api-bad\",\"strategy\":\"probe\",\"wallet\":\"t8\","
                + "\"venue\":\" \",\"markets\":[\"SOL\"],\"params\":{\"size\":\"1\"}}").body().path("field").asText());

        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            assertEquals(200, call("POST", "/api-inj-perp/start", null).status());
            sendReference("INJ", "25");
            QuoteIntent quoted = intent(out.awaitRecord(intentOf("t8", "INJ/USDT-PERP",
                    i -> !i.orders().isEmpty() && i.reference().compareTo(d("25")) == 0), WAIT));
            assertEquals("injective", quoted.venue());
            assertEquals(0, level(quoted, "b0").price().compareTo(d("24.975")));

            long now = System.currentTimeMillis();
            VenueBook book = new VenueBook("injective", "INJ/USDT-PERP", 1, now, now * 1_000_000L,
                    List.of(new PriceLevel(d("24.99"), d("30"), 2)), List.of(new PriceLevel(d("25.01"), d("30"), 1)));
            TestKafka.send(Topics.MD_VENUE_BOOK, book.key(), Codecs.VENUE_BOOK.encode(book));
            out.awaitRecord(intentOf("t8", "INJ/USDT-PERP", i -> has(i, "b1")
                    && level(i, "b1").price().compareTo(d("24.99")) == 0), WAIT);

            Fill fill = new Fill("svc-inj-fill-1", "t8", "inj1abc", "injective", "INJ/USDT-PERP", Side.SELL, d("25.01"),
                    d("1.5"), d("0.01"), "USDT", Liquidity.MAKER, 12L, "c-2", now, now * 1_000_000L);
            TestKafka.send(Topics.EXEC_FILLS, fill.key(), Codecs.FILL.encode(fill));
            Await.until("the fill is in api-inj-perp's summary", WAIT,
                    () -> call("GET", "/api-inj-perp/summary", null).body().path("total").path("fills").asLong() == 1);
            assertEquals("injective", call("GET", "/api-inj-perp/summary", null).body().path("venue").asText());

            assertEquals(200, call("POST", "/api-inj-perp/stop", null).status());
            out.awaitRecord(intentOf("t8", "INJ/USDT-PERP", i -> i.orders().isEmpty() && i.venue().equals("injective")),
                    WAIT);
            assertEquals(204, call("DELETE", "/api-inj-perp", null).status());
        }
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode bot : list) {
            if (bot.path("id").asText().equals(id)) {
                return bot;
            }
        }
        throw new AssertionError("no bot " + id + " in " + list);
    }

    @Test
    void aKillStopsQuotingInScopeUntilReleased() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("SOL", "150");
            out.awaitRecord(intentOf("t2", "SOL", i -> !i.orders().isEmpty()), WAIT);
            KillSwitch kill = new KillSwitch("wallet:t2", KillState.ENGAGED, "component test", "operator:test",
                    System.currentTimeMillis());
            TestKafka.send(Topics.RISK_KILL, kill.key(), Codecs.KILL_SWITCH.encode(kill));
            ConsumerRecord<String, String> empty = out.awaitRecord(intentOf("t2", "SOL", i -> i.orders().isEmpty()),
                    WAIT);
            sendReference("SOL", "151");
            KillSwitch release = new KillSwitch("wallet:t2", KillState.RELEASED, "done", "operator:test",
                    System.currentTimeMillis());
            TestKafka.send(Topics.RISK_KILL, release.key(), Codecs.KILL_SWITCH.encode(release));
            QuoteIntent resumed = intent(out.awaitRecord(r -> r.key().equals("t2") && r.partition() == empty.partition()
                    && r.offset() > empty.offset() && !intent(r).orders().isEmpty(), WAIT));
            // md.reference and risk.kill are separate topics: the release may be read before the 151 reference, and
            // quoting resumes on 150 (still fresh) then; either way the 151 reference is quoted on
            out.awaitRecord(r -> r.key().equals("t2") && r.partition() == empty.partition()
                    && r.offset() > empty.offset() && !intent(r).orders().isEmpty()
                    && intent(r).reference().compareTo(d("151")) == 0, WAIT);
            // nothing but empty intents for t2 between the kill and the resume
            assertTrue(out.records().stream()
                    .filter(r -> r.key().equals("t2") && r.partition() == empty.partition()
                            && r.offset() > empty.offset() && r.offset() < resumedOffset(out, resumed))
                    .allMatch(r -> intent(r).orders().isEmpty()));
        }
    }

    private static long resumedOffset(RecordCollector out, QuoteIntent resumed) {
        return out.records().stream().filter(r -> r.key().equals("t2") && intent(r).seq() == resumed.seq())
                .findFirst().orElseThrow().offset();
    }

    private static void sendQuality(String instrument, QualityState state) {
        DataQuality q = new DataQuality(instrument, state, "component test", Map.of("pyth", d("150")),
                System.currentTimeMillis());
        TestKafka.send(Topics.MD_QUALITY, q.key(), Codecs.DATA_QUALITY.encode(q));
    }

    @Test
    void aDivergedInstrumentPullsItsQuotesAndQuotesAgainAfterOkAndAFreshReference() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS);
             RecordCollector dlq = TestKafka.collector(Topics.deadLetterOf(Topics.MD_QUALITY))) {
            sendReference("SOL", "150");
            out.awaitRecord(intentOf("t2", "SOL", i -> !i.orders().isEmpty()), WAIT);
            sendQuality("SOL", QualityState.DIVERGED);
            ConsumerRecord<String, String> empty = out.awaitRecord(intentOf("t2", "SOL", i -> i.orders().isEmpty()), WAIT);

            TestKafka.send(Topics.MD_QUALITY, "SOL", "{\"type\":\"data-quality\",\"v\":1,\"instrument\":\"SOL\"}");
            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> "SOL".equals(r.key()), WAIT);
            assertTrue(dead.headers().lastHeader("dead-letter-reason") != null);

            sendQuality("SOL", QualityState.OK);
            sendReference("SOL", "152");
            QuoteIntent resumed = intent(out.awaitRecord(r -> r.key().equals("t2") && r.partition() == empty.partition()
                    && r.offset() > empty.offset() && !intent(r).orders().isEmpty(), WAIT));
            assertEquals(0, resumed.reference().compareTo(d("152")));
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicsAndTheConsumersGoOn() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS);
             RecordCollector dlq = TestKafka.collector(Topics.deadLetterOf(Topics.MD_VENUE_BOOK));
             RecordCollector refDlq = TestKafka.collector(Topics.deadLetterOf(Topics.MD_REFERENCE))) {
            TestKafka.send(Topics.MD_VENUE_BOOK, "hyperliquid/BTC", "{\"type\":\"venue-book\",\"v\":1,\"venue\":\"x\"}");
            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> "hyperliquid/BTC".equals(r.key()), WAIT);
            assertTrue(dead.value().contains("\"venue\":\"x\""));
            assertTrue(dead.headers().lastHeader("dead-letter-reason") != null);
            TestKafka.send(Topics.MD_REFERENCE, "BTC", "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"BTC\"}");
            ConsumerRecord<String, String> refDead = refDlq.awaitRecord(r -> "BTC".equals(r.key()), WAIT);
            assertTrue(new String(refDead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                    .contains("price"), "the reason names what is missing");
            assertEquals(Topics.MD_REFERENCE,
                    new String(refDead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));

            long now = System.currentTimeMillis();
            VenueBook book = new VenueBook("hyperliquid", "BTC", 3, now, now * 1_000_000L,
                    List.of(new PriceLevel(d("59001"), d("1"), 1)), List.of(new PriceLevel(d("59003"), d("1"), 1)));
            TestKafka.send(Topics.MD_VENUE_BOOK, book.key(), Codecs.VENUE_BOOK.encode(book));
            sendReference("BTC", "59002");
            out.awaitRecord(intentOf("t1", "BTC", i -> has(i, "b1")
                    && level(i, "b1").price().compareTo(d("59001")) == 0), WAIT);
        }
    }
}
