package io.mmplatform.risk;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * risk-service against a real broker. Wallets and markets here are test-only names (rw1, TSTA ...) and the scopes
 * the tests engage are released, so a shared broker's compacted risk.kill cannot stop real wallets (the staleness
 * limit may still engage market:TSTA after the tests: a market nobody trades).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RiskServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private HttpResponse<String> http(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    private double metric(String name, String label) {
        return http("GET", "/q/metrics", null).body().lines()
                .filter(l -> l.startsWith(name) && (label == null || l.contains(label)))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static KillSwitch kill(ConsumerRecord<String, String> record) {
        return Codecs.KILL_SWITCH.decode(record.value());
    }

    private void release(String scope) {
        HttpResponse<String> response = http("POST", "/api/release", "{\"scope\":\"" + scope + "\",\"reason\":\"test cleanup\"}");
        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void aDeviatingIntentEngagesTheWalletKillOnce() throws InterruptedException {
        try (RecordCollector kills = TestKafka.collector(Topics.RISK_KILL)) {
            long now = System.currentTimeMillis();
            ReferencePrice ref = new ReferencePrice("TSTA", "pyth", d("100"), d("0.01"), now, now * 1_000_000L);
            TestKafka.send(Topics.MD_REFERENCE, ref.key(), Codecs.REFERENCE_PRICE.encode(ref));
            Await.until("the reference is consumed", WAIT, () -> metric("risk_references_total", "instrument=\"TSTA\"") >= 1);

            QuoteIntent fine = new QuoteIntent("rw1", "hyperliquid", "TSTA", 1, "ladder", d("100"), System.currentTimeMillis(), 0,
                    List.of(new DesiredOrder("b0", Side.BUY, d("99.5"), d("1"), TimeInForce.ALO),
                            new DesiredOrder("a0", Side.SELL, d("100.5"), d("1"), TimeInForce.ALO)));
            double checked = metric("risk_intents_checked_total", null);
            TestKafka.send(Topics.QUOTE_INTENTS, fine.key(), Codecs.QUOTE_INTENT.encode(fine));
            Await.until("the good intent is checked", WAIT, () -> metric("risk_intents_checked_total", null) > checked);

            for (int i = 0; i < 3; i++) {
                QuoteIntent bad = new QuoteIntent("rw1", "hyperliquid", "TSTA", 2 + i, "ladder", d("100"),
                        System.currentTimeMillis(), 0,
                        List.of(new DesiredOrder("b0", Side.BUY, d("99.5"), d("1"), TimeInForce.ALO),
                                new DesiredOrder("a0", Side.SELL, d("97"), d("1"), TimeInForce.ALO)));
                TestKafka.send(Topics.QUOTE_INTENTS, bad.key(), Codecs.QUOTE_INTENT.encode(bad));
            }
            KillSwitch engaged = kill(kills.awaitRecord(r -> "wallet:rw1".equals(r.key()), WAIT));
            assertEquals(KillState.ENGAGED, engaged.state());
            assertEquals("risk-service", engaged.actor());
            assertTrue(engaged.reason().startsWith("max-deviation-bps: rw1 TSTA SELL a0 at 97 is ask below the reference"),
                    engaged.reason());
            Await.until("all intents are checked", WAIT, () -> metric("risk_intents_checked_total", null) >= checked + 4);
            Await.until("the state shows the kill", WAIT, () -> http("GET", "/api/kill", null).body().contains("\"wallet:rw1\""));
            long engagedRecords = kills.records().stream().filter(r -> "wallet:rw1".equals(r.key())).count();
            assertEquals(1, engagedRecords, "the first good intent did nothing, the three bad ones engaged once");
            release("wallet:rw1");
        }
    }

    @Test
    void undecodableReferencesAndIntentsGoToTheirDeadLetterTopicsAndTheInputsGoOn() throws InterruptedException {
        try (RecordCollector referenceDlq = TestKafka.collector(Topics.MD_REFERENCE + ".dlq");
             RecordCollector intentDlq = TestKafka.collector(Topics.QUOTE_INTENTS + ".dlq")) {
            TestKafka.send(Topics.MD_REFERENCE, "TSTD", "{not a reference");
            TestKafka.send(Topics.QUOTE_INTENTS, "rw3", "{\"walletId\":\"rw3\"}");
            ConsumerRecord<String, String> reference = referenceDlq.awaitRecord(r -> "TSTD".equals(r.key()), WAIT);
            assertEquals("{not a reference", reference.value());
            assertTrue(!reason(reference).isBlank(), "a reason");
            assertEquals(Topics.MD_REFERENCE, header(reference, "dead-letter-topic"));
            ConsumerRecord<String, String> intent = intentDlq.awaitRecord(r -> "rw3".equals(r.key()), WAIT);
            assertTrue(!reason(intent).isBlank(), "a reason");
            assertEquals(Topics.QUOTE_INTENTS, header(intent, "dead-letter-topic"));

            long now = System.currentTimeMillis();
            ReferencePrice after = new ReferencePrice("TSTD", "pyth", d("100"), d("0.01"), now, now * 1_000_000L);
            TestKafka.send(Topics.MD_REFERENCE, after.key(), Codecs.REFERENCE_PRICE.encode(after));
            Await.until("the next reference is consumed", WAIT,
                    () -> metric("risk_references_total", "instrument=\"TSTD\"") >= 1);
            assertTrue(http("GET", "/q/health/ready", null).body().contains("kafka md.reference, quote.intents"));
        }
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void sendQuality(String instrument, QualityState state, String reason) {
        DataQuality event = new DataQuality(instrument, state, reason, Map.of("test-a", d("100"), "test-b", d("105")),
                System.currentTimeMillis());
        TestKafka.send(Topics.MD_QUALITY, event.key(), Codecs.DATA_QUALITY.encode(event));
    }

    @Test
    void aDivergedInstrumentEngagesItsMarketAndOkReleasesOnlyWhatDataQualityEngaged() throws InterruptedException {
        try (RecordCollector kills = TestKafka.collector(Topics.RISK_KILL)) {
            sendQuality("TSTQ", QualityState.DIVERGED, "max-divergence-bps: TSTQ sources diverge by 487.8 bps > 100");
            KillSwitch engaged = kill(kills.awaitRecord(r -> "market:TSTQ".equals(r.key()), WAIT));
            assertEquals(KillState.ENGAGED, engaged.state());
            assertEquals("risk-data-quality", engaged.actor());
            assertEquals("data-quality: TSTQ DIVERGED: max-divergence-bps: TSTQ sources diverge by 487.8 bps > 100",
                    engaged.reason());
            sendQuality("TSTQ", QualityState.OK, "recovered from DIVERGED: 2 fresh source(s) within 10 bps (limit 100)");
            KillSwitch released = kill(kills.awaitRecord(r -> "market:TSTQ".equals(r.key())
                    && kill(r).state() == KillState.RELEASED, WAIT));
            assertEquals("risk-data-quality", released.actor());

            // an operator's kill of a market is never released by an OK
            assertEquals(202, http("POST", "/api/kill", "{\"scope\":\"market:TSTR\",\"reason\":\"look\",\"actor\":\"bob\"}")
                    .statusCode());
            Await.until("the operator's kill is known", WAIT,
                    () -> http("GET", "/api/kill", null).body().matches("(?s).*\"market:TSTR\",\"state\":\"ENGAGED\".*"));
            sendQuality("TSTR", QualityState.OK, "fine");
            sendQuality("TSTS", QualityState.STALE, "staleness: TSTS every source is stale"); // same partition: after TSTR
            assertEquals("risk-data-quality", kill(kills.awaitRecord(r -> "market:TSTS".equals(r.key()), WAIT)).actor());
            assertTrue(kills.records().stream().noneMatch(r -> "market:TSTR".equals(r.key()) && kill(r).state() == KillState.RELEASED),
                    "the operator's kill stays");
            assertTrue(http("GET", "/api/kill", null).body().matches("(?s).*\"market:TSTR\",\"state\":\"ENGAGED\".*"));
            Await.until("quality events are counted", WAIT, () -> metric("risk_quality_events_total", "state=\"OK\"") >= 2);
            sendQuality("TSTS", QualityState.OK, "fresh again");
            kills.awaitRecord(r -> "market:TSTS".equals(r.key()) && kill(r).state() == KillState.RELEASED, WAIT);
            release("market:TSTR");
        }
    }

    @Test
    void aPositionOverItsLimitEngagesTheWalletKill() {
        try (RecordCollector kills = TestKafka.collector(Topics.RISK_KILL)) {
            PositionUpdate ok = new PositionUpdate("rw2", "0xabc", "hyperliquid", "BTC", d("-0.1"), d("60000"),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, 1, System.currentTimeMillis());
            TestKafka.send(Topics.PORTFOLIO_POSITIONS, ok.key(), Codecs.POSITION.encode(ok));
            PositionUpdate over = new PositionUpdate("rw2", "0xabc", "hyperliquid", "BTC", d("-0.25"), d("60000"),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, 2, System.currentTimeMillis());
            TestKafka.send(Topics.PORTFOLIO_POSITIONS, over.key(), Codecs.POSITION.encode(over));
            KillSwitch engaged = kill(kills.awaitRecord(r -> "wallet:rw2".equals(r.key()), WAIT));
            assertEquals(KillState.ENGAGED, engaged.state());
            assertEquals("max-position: rw2 BTC position -0.25 exceeds the limit 0.1", engaged.reason());
            release("wallet:rw2");
        }
    }

    @Test
    void operatorsEngageAndReleaseThroughRest() throws InterruptedException {
        try (RecordCollector kills = TestKafka.collector(Topics.RISK_KILL)) {
            HttpResponse<String> engaged = http("POST", "/api/kill",
                    "{\"scope\":\"market:TSTB\",\"reason\":\"maintenance\",\"actor\":\"alice\"}");
            assertEquals(202, engaged.statusCode(), engaged.body());
            KillSwitch onTopic = kill(kills.awaitRecord(r -> "market:TSTB".equals(r.key()), WAIT));
            assertEquals(KillState.ENGAGED, onTopic.state());
            assertEquals("maintenance", onTopic.reason());
            assertEquals("operator:alice", onTopic.actor());
            Await.until("GET shows the kill", WAIT, () -> http("GET", "/api/kill", null).body().contains("\"market:TSTB\""));

            release("market:TSTB");
            KillSwitch released = kill(kills.awaitRecord(r -> "market:TSTB".equals(r.key())
                    && kill(r).state() == KillState.RELEASED, WAIT));
            assertEquals("test cleanup", released.reason());
            Await.until("GET shows the release", WAIT, () -> http("GET", "/api/kill", null).body().matches("(?s).*\"market:TSTB\",\"state\":\"RELEASED\".*"));

            HttpResponse<String> bad = http("POST", "/api/kill", "{\"scope\":\"wallets:x\",\"reason\":\"r\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("scope must be"), bad.body());
            assertEquals(400, http("POST", "/api/kill", "{\"scope\":\"global\"}").statusCode(), "a reason is required");
        }
    }
}
