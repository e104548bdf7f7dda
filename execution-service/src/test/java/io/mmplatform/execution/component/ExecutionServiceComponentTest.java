package io.mmplatform.execution.component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.app.ExecutionService;
import io.mmplatform.execution.domain.ClientOrderIds;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.ECKeyPair;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service against a real Kafka broker and a local Hyperliquid-dialect venue that verifies every signature.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestVenueResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutionServiceComponentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String W1 = address(TestVenueResource.W1_KEY);
    private static final String W2 = address(TestVenueResource.W2_KEY);
    private static RecordCollector orders;
    private static RecordCollector fills;
    private static RecordCollector intentsDlq;

    @Inject
    ExecutionService service;
    @Inject
    MeterRegistry registry;
    @TestHTTPResource("/q/health/ready")
    URL readyUrl;

    @BeforeAll
    static void collectors() {
        orders = TestKafka.collector(Topics.EXEC_ORDERS);
        fills = TestKafka.collector(Topics.EXEC_FILLS);
        intentsDlq = TestKafka.collector(Topics.deadLetterOf(Topics.QUOTE_INTENTS));
    }

    @AfterAll
    static void close() {
        orders.close();
        fills.close();
        intentsDlq.close();
    }

    @BeforeEach
    void awaitReady() {
        Await.until("service ready", WAIT, service::ready);
    }

    private static TestVenue venue() {
        return TestVenueResource.venue;
    }

    @Test
    @Order(1)
    void readinessReportsVenueAndWallets() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readyUrl.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("execution-venue"), r.body());
        assertTrue(r.body().contains("\"wallets\": 2") || r.body().contains("\"wallets\":2"), r.body());
        assertTrue(!r.body().contains(TestVenueResource.W1_KEY.substring(2)), "no key material in health output");
    }

    @Test
    @Order(2)
    void intentsBecomeSignedOrdersAndAreReconciled() {
        // 1: three orders (a fourth rounds to size 0 and is dropped), prices rounded away from the market
        send(intent("w1", "BTC", 1, "100000",
                order("b0", Side.BUY, "99950.7", "0.0123456"), order("b1", Side.BUY, "99900", "0.01"),
                order("a0", Side.SELL, "100049.2", "0.01"), order("a1", Side.SELL, "100100", "0.000001")));
        String b0 = cloid("w1", "BTC", 1, "b0");
        String b1 = cloid("w1", "BTC", 1, "b1");
        String a0 = cloid("w1", "BTC", 1, "a0");
        OrderEvent ackB0 = awaitOrderEvent(OrderEventType.ACK, b0);
        awaitOrderEvent(OrderEventType.ACK, b1);
        awaitOrderEvent(OrderEventType.ACK, a0);
        assertEquals(0, new BigDecimal("99950").compareTo(ackB0.price()), "bid rounded down to 5 significant figures");
        assertEquals(Map.of("99950", "0.01234", "99900", "0.01", "100050", "0.01"), book(W1, "BTC"));
        assertEquals(Set.of(b0, b1, a0), cloids(W1));
        assertEquals(0, venue().rejectedSignatures());

        // 2: b0 unchanged (kept), b1 gone, a0 moved 5 bps (replaced), a1 new
        send(intent("w1", "BTC", 2, "100000",
                order("b0", Side.BUY, "99950", "0.01234"),
                order("a0", Side.SELL, "100100", "0.01"), order("a1", Side.SELL, "100150", "0.01")));
        awaitOrderEvent(OrderEventType.CANCELED, b1);
        awaitOrderEvent(OrderEventType.CANCELED, a0);
        awaitOrderEvent(OrderEventType.ACK, cloid("w1", "BTC", 2, "a0"));
        awaitOrderEvent(OrderEventType.ACK, cloid("w1", "BTC", 2, "a1"));
        assertEquals(Map.of("99950", "0.01234", "100100", "0.01", "100150", "0.01"), book(W1, "BTC"));
        assertEquals(Set.of(b0, cloid("w1", "BTC", 2, "a0"), cloid("w1", "BTC", 2, "a1")), cloids(W1));
        assertEquals(ackB0.venueOrderId(), oidOf(W1, b0), "the kept order is the same venue order");

        // 3: an older intent is ignored; the next newer one applies
        send(intent("w1", "BTC", 1, "100000", order("b0", Side.BUY, "90000", "0.01")));
        send(intent("w1", "BTC", 3, "100000",
                order("b0", Side.BUY, "99950", "0.01234"), order("b1", Side.BUY, "99900", "0.01"),
                order("a0", Side.SELL, "100100", "0.01"), order("a1", Side.SELL, "100150", "0.01")));
        awaitOrderEvent(OrderEventType.ACK, cloid("w1", "BTC", 3, "b1"));
        assertTrue(venue().everPlaced().stream().noneMatch(o -> o.px().compareTo(new BigDecimal("90000")) == 0),
                "the stale intent (seq 1 after seq 2) must not reach the venue");
        assertEquals(4, book(W1, "BTC").size());

        // 4: a taker fills part of the ask: one Fill on exec.fills and a FILL event
        String askCloid = cloid("w1", "BTC", 2, "a0");
        long askOid = oidOf(W1, askCloid);
        long tid = venue().fill(askOid, new BigDecimal("0.004"));
        ConsumerRecord<String, String> rec = fills.awaitRecord(r -> r.value().contains("hyperliquid:" + tid + ":A"), WAIT);
        assertEquals("w1", rec.key());
        Fill fill = Codecs.FILL.decode(rec.value());
        assertEquals("hyperliquid:" + tid + ":A", fill.fillId());
        assertEquals(W1, fill.address());
        assertEquals(Side.SELL, fill.side());
        assertEquals(0, new BigDecimal("100100").compareTo(fill.price()));
        assertEquals(0, new BigDecimal("0.004").compareTo(fill.size()));
        assertEquals(Liquidity.MAKER, fill.liquidity());
        assertEquals(askCloid, fill.clientOrderId());
        assertEquals(askOid, fill.venueOrderId());
        OrderEvent fillEvent = awaitOrderEvent(OrderEventType.FILL, askCloid);
        assertEquals(0, new BigDecimal("0.004").compareTo(fillEvent.size()));
        assertEquals(0, venue().rejectedSignatures());
    }

    @Test
    @Order(3)
    void killEmptiesTheVenueAndRefusesIntentsUntilReleased() {
        send(intent("w2", "ETH", 1, "3000", order("b0", Side.BUY, "2999", "0.1"), order("a0", Side.SELL, "3001", "0.1")));
        awaitOrderEvent(OrderEventType.ACK, cloid("w2", "ETH", 1, "a0"));
        Await.until("w1 quoting", WAIT, () -> !venue().openOrders(W1).isEmpty());

        kill("global", KillState.ENGAGED);
        Await.until("venue empty of w1 orders", WAIT, () -> venue().openOrders(W1).isEmpty());
        Await.until("venue empty of w2 orders", WAIT, () -> venue().openOrders(W2).isEmpty());
        awaitOrderEvent(OrderEventType.CANCELED, cloid("w2", "ETH", 1, "a0"));

        double refusedBefore = killedIntents();
        int placedBefore = venue().everPlaced().size();
        send(intent("w1", "BTC", 10, "100000", order("b0", Side.BUY, "99000", "0.01")));
        Await.until("intent refused", WAIT, () -> killedIntents() > refusedBefore);
        assertTrue(venue().openOrders(W1).isEmpty());
        assertEquals(placedBefore, venue().everPlaced().size(), "nothing sent while killed");

        kill("global", KillState.RELEASED);
        // the release is applied asynchronously: keep quoting (level-triggered) until an intent gets through
        long seq = 11;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (venue().openOrders(W1).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no order after release");
            send(intent("w1", "BTC", seq++, "100000", order("b0", Side.BUY, "99000", "0.01")));
            sleep(300);
        }
        assertEquals(Map.of("99000", "0.01"), book(W1, "BTC"));
    }

    @Test
    @Order(4)
    void malformedIntentGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        TestKafka.send(Topics.QUOTE_INTENTS, "w2", "{not json at all");
        ConsumerRecord<String, String> dead = intentsDlq.awaitRecord(r -> r.value().equals("{not json at all"), WAIT);
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"), "the reason travels with the record");
        send(intent("w2", "SOL", 1, "150", order("b0", Side.BUY, "149.5", "2")));
        awaitOrderEvent(OrderEventType.ACK, cloid("w2", "SOL", 1, "b0"));
    }

    @Test
    @Order(5)
    void ordersTheServiceDoesNotKnowAreCancelled() {
        long orphan = venue().placeDirectly(W2, "INJ", true, "20", "1");
        Await.until("orphan cancelled", WAIT, () -> venue().openOrders(W2).stream().noneMatch(o -> o.oid() == orphan));
    }

    @Test
    @Order(6)
    void preTradeChecksRejectWithAReason() {
        // 50 % away from the reference: outside the default 500 bps band
        send(intent("w2", "INJ", 1, "20", order("b0", Side.BUY, "10", "1"), order("a0", Side.SELL, "20.1", "1")));
        OrderEvent reject = awaitOrderEvent(OrderEventType.REJECT, cloid("w2", "INJ", 1, "b0"));
        assertTrue(reject.reason().startsWith("price_band"), reject.reason());
        awaitOrderEvent(OrderEventType.ACK, cloid("w2", "INJ", 1, "a0"));
        assertTrue(venue().openOrders(W2).stream().noneMatch(o -> o.px().compareTo(BigDecimal.TEN) == 0));
        Counter c = registry.find("execution.rejects").tag("reason", "price_band").counter();
        assertNotNull(c);
        assertTrue(c.count() >= 1);
    }

    // ------------------------------------------------------------------ helpers

    private static QuoteIntent intent(String wallet, String market, long seq, String ref, DesiredOrder... orders) {
        return new QuoteIntent(wallet, "hyperliquid", market, seq, "test", new BigDecimal(ref),
                System.currentTimeMillis(), System.currentTimeMillis() * 1_000_000L, Arrays.asList(orders));
    }

    private static DesiredOrder order(String level, Side side, String px, String sz) {
        return new DesiredOrder(level, side, new BigDecimal(px), new BigDecimal(sz), TimeInForce.GTC);
    }

    private static void send(QuoteIntent intent) {
        TestKafka.send(Topics.QUOTE_INTENTS, intent.key(), Codecs.QUOTE_INTENT.encode(intent));
    }

    private static void kill(String scope, KillState state) {
        KillSwitch k = new KillSwitch(scope, state, "component test", "operator:test", System.currentTimeMillis());
        TestKafka.send(Topics.RISK_KILL, k.key(), Codecs.KILL_SWITCH.encode(k));
    }

    private static String cloid(String wallet, String market, long seq, String level) {
        return ClientOrderIds.cloid(wallet, market, seq, level);
    }

    private static OrderEvent awaitOrderEvent(OrderEventType type, String cloid) {
        ConsumerRecord<String, String> r = orders.awaitRecord(rec -> {
            OrderEvent e = Codecs.ORDER_EVENT.decode(rec.value());
            return e.event() == type && e.clientOrderId().equals(cloid);
        }, WAIT);
        OrderEvent e = Codecs.ORDER_EVENT.decode(r.value());
        assertEquals(e.walletId(), r.key(), "exec.orders is keyed by walletId");
        return e;
    }

    /** The venue's resting orders of a wallet in a market: price -> remaining size. */
    private static Map<String, String> book(String owner, String coin) {
        return venue().openOrders(owner).stream().filter(o -> o.coin().equals(coin))
                .collect(Collectors.toMap(o -> o.px().stripTrailingZeros().toPlainString(),
                        o -> o.sz().stripTrailingZeros().toPlainString()));
    }

    private static Set<String> cloids(String owner) {
        return venue().openOrders(owner).stream().map(TestVenue.Resting::cloid).collect(Collectors.toSet());
    }

    private static long oidOf(String owner, String cloid) {
        return venue().openOrders(owner).stream().filter(o -> cloid.equals(o.cloid())).findFirst()
                .orElseThrow(() -> new AssertionError("no resting order " + cloid)).oid();
    }

    private double killedIntents() {
        Counter c = registry.find("execution.intents").tag("outcome", "killed").counter();
        return c == null ? 0 : c.count();
    }

    private static String address(String key) {
        return HyperliquidSigner.address(ECKeyPair.create(new BigInteger(key.substring(2), 16)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
