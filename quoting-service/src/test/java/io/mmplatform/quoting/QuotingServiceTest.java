package io.mmplatform.quoting;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
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
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** quoting-service against a real broker, with its default bots (w1 and w2 on BTC, ETH, SOL, INJ). */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class QuotingServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void sendReference(String instrument, String price) {
        long now = System.currentTimeMillis();
        ReferencePrice ref = new ReferencePrice(instrument, "pyth", d(price), d("0.01"), now, now * 1_000_000L);
        TestKafka.send(Topics.MD_REFERENCE, instrument, Codecs.REFERENCE_PRICE.encode(ref));
    }

    @TestHTTPResource("/q/metrics")
    URI metrics;

    /** How many references of an instrument the service has consumed, from its own metrics. */
    private double referencesConsumed(String instrument) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.lines()
                    .filter(l -> l.startsWith("quoting_references_total{") && l.contains("instrument=\"" + instrument + "\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + metrics + ": " + e, e);
        }
    }

    private static QuoteIntent intent(ConsumerRecord<String, String> record) {
        return Codecs.QUOTE_INTENT.decode(record.value());
    }

    private static Predicate<ConsumerRecord<String, String>> intentOf(String wallet, String market, Predicate<QuoteIntent> match) {
        return r -> {
            QuoteIntent i = intent(r);
            return r.key().equals(wallet) && i.walletId().equals(wallet) && i.market().equals(market) && match.test(i);
        };
    }

    private static DesiredOrder level(QuoteIntent intent, String levelId) {
        return intent.orders().stream().filter(o -> o.levelId().equals(levelId)).findFirst().orElseThrow();
    }

    @Test
    void aReferenceProducesALadderIntentPerWallet() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("BTC", "60000");
            QuoteIntent w1 = intent(out.awaitRecord(intentOf("w1", "BTC",
                    i -> i.reference() != null && i.reference().compareTo(d("60000")) == 0), WAIT));
            // defaults for w1-btc: spread 10 bps, 3 levels 5 bps apart, size 0.005, ALO
            assertEquals(6, w1.orders().size());
            assertEquals(0, level(w1, "b0").price().compareTo(d("59970")));
            assertEquals(0, level(w1, "a2").price().compareTo(d("60090")));
            assertEquals(0, level(w1, "b2").size().compareTo(d("0.005")));
            assertEquals(TimeInForce.ALO, level(w1, "a0").tif());
            assertEquals("hyperliquid", w1.venue());
            assertTrue(w1.originNanos() > 0);
            QuoteIntent w2 = intent(out.awaitRecord(intentOf("w2", "BTC",
                    i -> i.reference() != null && i.reference().compareTo(d("60000")) == 0), WAIT));
            // w2-btc: spread 16 bps
            assertEquals(0, level(w2, "b0").price().compareTo(d("59952")));
        }
    }

    @Test
    void aPositionSkewsTheLadder() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("SOL", "150");
            out.awaitRecord(intentOf("w1", "SOL", i -> !i.orders().isEmpty()
                    && level(i, "b0").price().compareTo(d("149.925")) == 0), WAIT);
            // w1-sol: max position 20, skew 10 bps, size skew 0.5: a long 10 shifts both sides 5 bps down
            // and shrinks the bids to 2 x (1 - 0.5 x 0.5) = 1.5
            PositionUpdate position = new PositionUpdate("w1", "0xabc", "hyperliquid", "SOL", d("10"), d("150"),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("150"), 3, System.currentTimeMillis());
            TestKafka.send(Topics.PORTFOLIO_POSITIONS, position.key(), Codecs.POSITION.encode(position));
            QuoteIntent skewed = intent(out.awaitRecord(intentOf("w1", "SOL", i -> !i.orders().isEmpty()
                    && level(i, "b0").price().compareTo(d("149.85")) == 0), WAIT));
            assertEquals(0, level(skewed, "b0").size().compareTo(d("1.5")));
            assertEquals(0, level(skewed, "a0").price().compareTo(d("150")));
            assertEquals(0, level(skewed, "a0").size().compareTo(d("2")));
        }
    }

    @Test
    void aKillStopsQuotingInScopeUntilReleased() throws InterruptedException {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS)) {
            sendReference("INJ", "25");
            out.awaitRecord(intentOf("w1", "INJ", i -> !i.orders().isEmpty()), WAIT);
            KillSwitch kill = new KillSwitch("market:INJ", KillState.ENGAGED, "component test", "operator:test",
                    System.currentTimeMillis());
            TestKafka.send(Topics.RISK_KILL, kill.key(), Codecs.KILL_SWITCH.encode(kill));
            ConsumerRecord<String, String> empty = out.awaitRecord(intentOf("w1", "INJ", i -> i.orders().isEmpty()), WAIT);
            out.awaitRecord(intentOf("w2", "INJ", i -> i.orders().isEmpty()), WAIT);

            double seen = referencesConsumed("INJ");
            sendReference("INJ", "26");
            Await.until("the INJ reference is consumed", WAIT, () -> referencesConsumed("INJ") > seen);
            // control: a w1 position change after that; w1's intents share a partition and one producer, so any
            // INJ intent the reference caused would sit before the control's intent
            PositionUpdate control = new PositionUpdate("w1", "0xabc", "hyperliquid", "ETH", d("0.01"), d("3000"),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("3000"), 1, System.currentTimeMillis());
            sendReference("ETH", "3100");
            TestKafka.send(Topics.PORTFOLIO_POSITIONS, control.key(), Codecs.POSITION.encode(control));
            // w1-eth: size 0.1, max position 1, size skew 0.5: a long 0.01 makes the bids 0.0995
            ConsumerRecord<String, String> controlIntent = out.awaitRecord(intentOf("w1", "ETH",
                    i -> !i.orders().isEmpty() && level(i, "b0").size().compareTo(d("0.0995")) == 0), WAIT);
            List<QuoteIntent> quotedWhileKilled = out.records().stream()
                    .filter(r -> r.key().equals("w1") && r.partition() == empty.partition()
                            && r.offset() > empty.offset() && r.offset() < controlIntent.offset())
                    .map(QuotingServiceTest::intent)
                    .filter(i -> i.market().equals("INJ"))
                    .toList();
            assertEquals(List.of(), quotedWhileKilled);

            KillSwitch release = new KillSwitch("market:INJ", KillState.RELEASED, "component test done",
                    "operator:test", System.currentTimeMillis());
            TestKafka.send(Topics.RISK_KILL, release.key(), Codecs.KILL_SWITCH.encode(release));
            // the first INJ intent after the empty one quotes again, on the reference that arrived while killed
            QuoteIntent resumed = intent(out.awaitRecord(r -> r.key().equals("w1") && r.partition() == empty.partition()
                    && r.offset() > controlIntent.offset() && intent(r).market().equals("INJ"), WAIT));
            assertEquals(0, resumed.reference().compareTo(d("26")));
            assertTrue(resumed.orders().stream().anyMatch(o -> o.side() == Side.BUY));
        }
    }

    @Test
    void aMalformedReferenceGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        try (RecordCollector out = TestKafka.collector(Topics.QUOTE_INTENTS);
             RecordCollector dlq = TestKafka.collector(Topics.deadLetterOf(Topics.MD_REFERENCE))) {
            TestKafka.send(Topics.MD_REFERENCE, "ETH", "{\"type\":\"reference-price\",\"v\":1,\"instrument\":\"ETH\"}");
            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> "ETH".equals(r.key()), WAIT);
            assertTrue(dead.value().contains("\"instrument\":\"ETH\""));
            assertTrue(dead.headers().lastHeader("dead-letter-reason") != null);
            sendReference("ETH", "3333");
            out.awaitRecord(intentOf("w1", "ETH", i -> i.reference() != null
                    && i.reference().compareTo(d("3333")) == 0 && !i.orders().isEmpty()), WAIT);
        }
    }
}
