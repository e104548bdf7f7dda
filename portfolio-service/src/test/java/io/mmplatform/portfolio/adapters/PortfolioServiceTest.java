package io.mmplatform.portfolio.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import io.mmplatform.testsupport.KafkaBrokerResource;
import io.mmplatform.testsupport.RecordCollector;
import io.mmplatform.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service against a real Kafka broker and the real PostgreSQL database mm_portfolio_test.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class PortfolioServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PositionBook book;

    @Inject
    PublishThrottle<PositionKey> throttle;

    @TestHTTPResource("/")
    URI base;

    private final List<RecordCollector> collectors = new ArrayList<>();
    private String walletId;
    private String address;

    @BeforeEach
    void cleanState() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from fills");
            s.executeUpdate("delete from positions");
        }
        book.clear();
        throttle.clear();
        String unique = UUID.randomUUID().toString().replace("-", "");
        walletId = "w-" + unique.substring(0, 8);
        address = "0x" + unique + unique.substring(0, 8); // 40 hex digits
    }

    @AfterEach
    void closeCollectors() {
        collectors.forEach(RecordCollector::close);
    }

    private RecordCollector collect(String topic) {
        RecordCollector collector = TestKafka.collector(topic);
        collectors.add(collector);
        return collector;
    }

    private Fill fill(String fillId, String market, Side side, String price, String size, String fee) {
        return new Fill(fillId, walletId, address, "hyperliquid", market, side, new BigDecimal(price),
                new BigDecimal(size), new BigDecimal(fee), "USDC", Liquidity.MAKER, 42L, null,
                System.currentTimeMillis(), System.nanoTime());
    }

    private void send(Fill fill) {
        TestKafka.send(Topics.EXEC_FILLS, fill.key(), Codecs.FILL.encode(fill));
    }

    private PositionUpdate awaitPosition(RecordCollector positions, String market, Predicate<PositionUpdate> match) {
        String key = walletId + "/" + market;
        ConsumerRecord<String, String> record = positions.awaitRecord(
                r -> key.equals(r.key()) && match.test(Codecs.POSITION.decode(r.value())), WAIT);
        return Codecs.POSITION.decode(record.value());
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertNotNull(actual, "expected " + expected);
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), () -> pathAndQuery + " answered " + response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private long count(String sql, String param) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void fillsBecomeRowsAPositionUpdateAndTheApiAnswer() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        send(fill("hyperliquid:1001:B", "BTC", Side.BUY, "90000", "0.5", "0.00000123"));
        send(fill("hyperliquid:1002:A", "BTC", Side.SELL, "91000.5", "0.2", "-0.01"));

        PositionUpdate update = awaitPosition(positions, "BTC", u -> u.fillCount() == 2);
        assertEquals(walletId, update.walletId());
        assertEquals(address, update.address());
        assertEquals("hyperliquid", update.venue());
        assertDecimal("0.3", update.size());
        assertDecimal("90000", update.avgEntry());
        assertDecimal("200.1", update.realizedPnl()); // 0.2 x 1000.5
        assertDecimal("-0.00999877", update.fees());
        assertDecimal("0", update.unrealizedPnl());

        // the rows, exact NUMERIC values
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select size, avg_entry, realized_pnl, fees, fill_count, address from positions where wallet_id = ? and market = 'BTC'")) {
            s.setString(1, walletId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "positions row");
                assertDecimal("0.3", rs.getBigDecimal(1));
                assertDecimal("90000", rs.getBigDecimal(2));
                assertDecimal("200.1", rs.getBigDecimal(3));
                assertDecimal("-0.00999877", rs.getBigDecimal(4));
                assertEquals(2, rs.getLong(5));
                assertEquals(address, rs.getString(6));
                assertFalse(rs.next());
            }
        }
        assertEquals(2, count("select count(*) from fills where wallet_id = ?", walletId));

        // the API: the contract's fields first, in order, decimals as strings
        JsonNode all = getJson("/api/positions?wallet=" + address.toUpperCase().replace("0X", "0x"));
        assertEquals(1, all.size(), all::toString);
        JsonNode p = all.get(0);
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(List.of("wallet", "market", "size", "avgEntry", "realizedPnl", "unrealizedPnl", "fees"),
                names.subList(0, 7));
        assertEquals(address, p.get("wallet").asText());
        assertEquals("BTC", p.get("market").asText());
        assertTrue(p.get("size").isTextual());
        assertEquals("0.3", p.get("size").asText());
        assertEquals("90000", p.get("avgEntry").asText());
        assertEquals("200.1", p.get("realizedPnl").asText());
        assertEquals("0", p.get("unrealizedPnl").asText());
        assertEquals("-0.00999877", p.get("fees").asText());
        assertEquals(walletId, p.get("walletId").asText());
        assertEquals(2, p.get("fillCount").asLong());

        assertEquals(0, getJson("/api/positions?wallet=0x0000000000000000000000000000000000000000").size());
        assertTrue(getJson("/api/positions").size() >= 1);

        JsonNode fills = getJson("/api/fills?limit=1");
        assertEquals(1, fills.size());
        JsonNode fills2 = getJson("/api/fills?limit=10&wallet=" + walletId);
        assertEquals(2, fills2.size());
        assertEquals("0.00000123", findFill(fills2, "hyperliquid:1001:B").get("fee").asText());
    }

    private static JsonNode findFill(JsonNode fills, String fillId) {
        for (JsonNode f : fills) {
            if (fillId.equals(f.get("fillId").asText())) {
                return f;
            }
        }
        throw new AssertionError("no fill " + fillId + " in " + fills);
    }

    @Test
    void aShortAndAFlipPersistSigned() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        send(fill("hyperliquid:2001:A", "SOL", Side.SELL, "150", "10", "0"));
        send(fill("hyperliquid:2002:B", "SOL", Side.BUY, "140", "14", "0"));
        PositionUpdate update = awaitPosition(positions, "SOL", u -> u.fillCount() == 2);
        assertDecimal("4", update.size());
        assertDecimal("140", update.avgEntry());
        assertDecimal("100", update.realizedPnl()); // 10 x (150 - 140)

        send(fill("hyperliquid:2003:A", "SOL", Side.SELL, "141", "9", "0"));
        update = awaitPosition(positions, "SOL", u -> u.fillCount() == 3);
        assertDecimal("-5", update.size());
        assertDecimal("141", update.avgEntry());
        assertDecimal("104", update.realizedPnl());
        JsonNode p = getJson("/api/positions?wallet=" + walletId).get(0);
        assertEquals("-5", p.get("size").asText());
    }

    @Test
    void aRedeliveredFillCountsOnce() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        Fill once = fill("hyperliquid:3001:B", "ETH", Side.BUY, "3000", "1.5", "0.5");
        send(once);
        send(once); // redelivery: same fill id
        send(fill("hyperliquid:3002:B", "ETH", Side.BUY, "3100", "0.5", "0.5"));

        PositionUpdate update = awaitPosition(positions, "ETH", u -> u.fillCount() == 2);
        assertDecimal("2", update.size());
        assertDecimal("3025", update.avgEntry()); // (4500 + 1550) / 2
        assertDecimal("1", update.fees());
        assertEquals(2, count("select count(*) from fills where wallet_id = ?", walletId));
        assertEquals(2, count("select fill_count from positions where wallet_id = ?", walletId));
        assertTrue(positions.records().stream()
                        .filter(r -> (walletId + "/ETH").equals(r.key()))
                        .map(r -> Codecs.POSITION.decode(r.value()))
                        .allMatch(u -> u.fillCount() <= 2),
                "no position ever counted the fill twice");

        // the same fill id once more, after everything else: still nothing changes
        send(once);
        RecordCollector again = positions;
        awaitPosition(again, "ETH", u -> u.fillCount() == 2 && again.records().stream()
                .filter(r -> (walletId + "/ETH").equals(r.key())).count() >= 4);
        assertEquals(2, count("select count(*) from fills where wallet_id = ?", walletId));
        String metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portfolio_fills_duplicates_total") && !l.endsWith(" 0.0")),
                "duplicates counted on /q/metrics");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextFillApplies() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        RecordCollector dead = collect(Topics.deadLetterOf(Topics.EXEC_FILLS));
        String garbage = "{\"type\":\"fill\",\"v\":1,\"fillId\":\"x\" this is not json";
        TestKafka.send(Topics.EXEC_FILLS, walletId, garbage);
        String negative = Codecs.FILL.encode(fill("hyperliquid:4000:B", "INJ", Side.BUY, "25", "1", "0"))
                .replace("\"price\":\"25\"", "\"price\":\"-25\"");
        TestKafka.send(Topics.EXEC_FILLS, walletId, negative);
        send(fill("hyperliquid:4001:B", "INJ", Side.BUY, "25", "3", "0.01"));

        ConsumerRecord<String, String> deadGarbage = dead.awaitRecord(r -> garbage.equals(r.value()), WAIT);
        Header reason = deadGarbage.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "dead-letter-reason header");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("not JSON"));
        ConsumerRecord<String, String> deadNegative = dead.awaitRecord(r -> negative.equals(r.value()), WAIT);
        assertTrue(new String(deadNegative.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("price"));

        PositionUpdate update = awaitPosition(positions, "INJ", u -> u.fillCount() == 1);
        assertDecimal("3", update.size());
        assertEquals(1, count("select count(*) from fills where wallet_id = ?", walletId));
        assertEquals(0, count("select count(*) from fills where fill_id = ?", "hyperliquid:4000:B"));
    }

    @Test
    void marksRepriceUnrealizedPnlAndTheLastMarkIsPublished() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        send(fill("hyperliquid:5001:B", "ETH", Side.BUY, "3000", "2", "0"));
        awaitPosition(positions, "ETH", u -> u.fillCount() == 1);

        sendMark("ETH", "3100.25");
        PositionUpdate marked = awaitPosition(positions, "ETH", u -> u.markPrice() != null
                && u.markPrice().compareTo(new BigDecimal("3100.25")) == 0);
        assertDecimal("200.5", marked.unrealizedPnl());
        assertDecimal("0", marked.realizedPnl());

        // a burst of marks: the throttle may hold some back, but the last one is always published
        for (int i = 1; i <= 5; i++) {
            sendMark("ETH", "29" + (90 + i));
        }
        PositionUpdate last = awaitPosition(positions, "ETH", u -> u.markPrice() != null
                && u.markPrice().compareTo(new BigDecimal("2995")) == 0);
        assertDecimal("-10", last.unrealizedPnl());

        JsonNode p = getJson("/api/positions?wallet=" + walletId).get(0);
        assertEquals("-10", p.get("unrealizedPnl").asText());
        assertEquals("2995", p.get("markPrice").asText());
    }

    @Test
    void anInjectiveMarketIsMarkedByItsInstrumentsReference() throws Exception {
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        Fill perp = new Fill("injective:0xabc:1", walletId, address, "injective", "INJ/USDT-PERP", Side.SELL,
                new BigDecimal("25.5"), new BigDecimal("4"), new BigDecimal("0.01"), "USDT", Liquidity.MAKER, 7L, null,
                System.currentTimeMillis(), System.nanoTime());
        send(perp);
        awaitPosition(positions, "INJ/USDT-PERP", u -> u.fillCount() == 1);

        sendMark("INJ", "25");
        PositionUpdate marked = awaitPosition(positions, "INJ/USDT-PERP", u -> u.markPrice() != null
                && u.markPrice().compareTo(new BigDecimal("25")) == 0);
        assertEquals("injective", marked.venue());
        assertDecimal("2", marked.unrealizedPnl()); // short 4 from 25.5, marked at 25

        JsonNode p = getJson("/api/positions?wallet=" + walletId).get(0);
        assertEquals("INJ/USDT-PERP", p.get("market").asText());
        assertEquals("25", p.get("markPrice").asText());
    }

    private void sendMark(String instrument, String price) {
        ReferencePrice reference = new ReferencePrice(instrument, "pyth", new BigDecimal(price), new BigDecimal("0.5"),
                System.currentTimeMillis(), System.nanoTime());
        TestKafka.send(Topics.MD_REFERENCE, reference.key(), Codecs.REFERENCE_PRICE.encode(reference));
    }

    @Test
    void readyWhenDatabaseAndKafkaAre() throws Exception {
        JsonNode health = getJson("/q/health/ready");
        assertEquals("UP", health.get("status").asText(), health::toString);
        assertTrue(health.toString().contains("portfolio database"), health::toString);
        assertTrue(health.toString().contains("kafka md.reference"), health::toString);
    }

    @Test
    void anUndecodableMarkGoesToTheDeadLetterTopicAndTheNextMarkIsUsed() {
        RecordCollector dead = collect(Topics.MD_REFERENCE + ".dlq");
        RecordCollector positions = collect(Topics.PORTFOLIO_POSITIONS);
        send(fill("hyperliquid:5100:A", "SOL", Side.BUY, "150", "2", "0"));
        awaitPosition(positions, "SOL", u -> u.fillCount() == 1);

        String garbage = "{\"type\":\"reference-price\",\"instrument\":\"SOL\"" + UUID.randomUUID();
        TestKafka.send(Topics.MD_REFERENCE, "SOL", garbage);
        ConsumerRecord<String, String> letter = dead.awaitRecord(r -> garbage.equals(r.value()), WAIT);
        assertNotNull(letter.headers().lastHeader("dead-letter-reason"), "dead-letter-reason header");
        assertEquals(Topics.MD_REFERENCE, new String(letter.headers().lastHeader("dead-letter-topic").value(),
                StandardCharsets.UTF_8));

        sendMark("SOL", "151");
        PositionUpdate marked = awaitPosition(positions, "SOL", u -> u.markPrice() != null
                && u.markPrice().compareTo(new BigDecimal("151")) == 0);
        assertDecimal("2", marked.unrealizedPnl()); // long 2 from 150, marked at 151
    }

    @Test
    void aBadFillsLimitIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/fills?limit=0")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
    }
}
