package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./mm quality --from-beginning against a real broker (test-support's). */
class QualityCommandTest {

    private static VenueBook book(String market, long seq, long timeMs, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new VenueBook("hyperliquid", market, seq, timeMs, timeMs * 1_000_000L, bids, asks);
    }

    private static PriceLevel level(String price, String size) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(size), 1);
    }

    private static void send(OrderEvent order) {
        TestKafka.send(Topics.EXEC_ORDERS, order.key(), Codecs.ORDER_EVENT.encode(order));
    }

    private static OrderEvent order(String market, OrderEventType event, String reason) {
        return new OrderEvent("w-" + market, "hyperliquid", market, event, "0x" + UUID.randomUUID().toString().replace("-", ""),
                null, Side.BUY, BigDecimal.ONE, BigDecimal.ONE, reason, System.currentTimeMillis(), 0L);
    }

    @Test
    void theLastMinuteOfTheTopicsIsMeasuredAndWrittenAsJson(@TempDir Path dir) throws Exception {
        String market = "Q" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        long t0 = System.currentTimeMillis();
        TestKafka.send(Topics.MD_REFERENCE, market, Codecs.REFERENCE_PRICE.encode(
                new ReferencePrice(market, "pyth", new BigDecimal("100"), BigDecimal.ZERO, t0, t0 * 1_000_000L)));
        String key = "hyperliquid/" + market;
        // mid 100.05: 5 bps off; spread 30 bps, 1998 and 2004 USD a side at 10-15 bps: up for [t0+1 s, t0+3 s)
        TestKafka.send(Topics.MD_VENUE_BOOK, key, Codecs.VENUE_BOOK.encode(book(market, 1, t0 + 1000,
                List.of(level("99.9", "20")), List.of(level("100.2", "20")))));
        // no asks: down for [t0+3 s, t0+4 s)
        TestKafka.send(Topics.MD_VENUE_BOOK, key, Codecs.VENUE_BOOK.encode(book(market, 2, t0 + 3000,
                List.of(level("99.9", "20")), List.of())));
        TestKafka.send(Topics.MD_VENUE_BOOK, key, "{not a venue book"); // skipped and counted
        // mid 99.9: 10 bps off
        TestKafka.send(Topics.MD_VENUE_BOOK, key, Codecs.VENUE_BOOK.encode(book(market, 3, t0 + 4000,
                List.of(level("99.8", "20")), List.of(level("100.0", "20")))));
        send(order(market, OrderEventType.NEW, null));
        send(order(market, OrderEventType.ACK, null));
        send(order(market, OrderEventType.ACK, null));
        send(order(market, OrderEventType.REJECT, "insufficient margin for order"));
        send(order("OTHER" + market, OrderEventType.REJECT, "not this market"));

        Path json = dir.resolve("out/quality.json");
        int exit = MmCommand.commandLine().execute("quality", "--bootstrap", TestKafka.bootstrap(), "--from-beginning",
                "--minutes", "1", "--markets", market, "--json", json.toString());
        assertEquals(0, exit);

        JsonNode root = Json.MAPPER.readTree(Files.readString(json));
        assertTrue(root.path("undecodable").asLong() >= 1, root.toString());
        assertEquals("50", root.path("maxSpreadBps").asText());
        assertEquals(1, root.path("markets").size(), "only the market asked for: " + root.path("markets"));
        JsonNode m = root.path("markets").path(key);
        assertEquals(market, m.path("reference").asText(), "a coin is its own reference instrument");
        assertEquals(3, m.path("books").asLong(), m.toString());
        assertEquals(2, m.path("samples").asLong());
        assertEquals(2, m.path("trackingErrorBps").path("samples").asLong());
        assertEquals("5.00", m.path("trackingErrorBps").path("p50").asText()); // rank ceil(1.0) = 1 of [5, 10]
        assertEquals("10.00", m.path("trackingErrorBps").path("p99").asText());
        assertEquals("10.00", m.path("trackingErrorBps").path("max").asText());
        assertEquals("0.6667", m.path("twoSidedUptime").asText()); // 2 s of 3 s
        // 25 bps band: sample 1 bid 1998 / ask 2004, sample 2 bid 1996 / ask 2000 -> averages 1997 and 2002
        assertEquals("1997.00", m.path("depth").path("25bps").path("bidUsd").asText());
        assertEquals("2002.00", m.path("depth").path("25bps").path("askUsd").asText());
        assertEquals("1.00", m.path("depth").path("25bps").path("bidLevels").asText());
        JsonNode orders = m.path("orders");
        assertEquals(2, orders.path("acks").asLong());
        assertEquals(1, orders.path("rejects").asLong());
        assertEquals("0.6667", orders.path("successRate").asText());
        assertEquals(1, orders.path("rejectsByReason").path("insufficient margin for order").asLong());
    }

    @Test
    void aLiveWindowReportsTheInjectiveCountersOfEveryReadableExecutionReplica(@TempDir Path dir) throws Exception {
        for (String topic : QualityCommand.TOPICS) {
            TestKafka.send(topic, "warm-up", null); // the topics exist (a tombstone measures nothing)
        }
        String metric = "execution_injective_sequence_mismatches_total{wallet=\"w1\"} %s\n"
                + "execution_injective_sequence_recoveries_total{wallet=\"w1\"} %s\n"
                + "execution_injective_txs_total{outcome=\"accepted\",wallet=\"w1\"} %s\n";
        AtomicInteger reads = new AtomicInteger();
        HttpServer execution = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        execution.createContext("/q/metrics", exchange -> {
            // the start of the window, then its end: 2 sequence errors, both recovered, 9 transactions accepted
            byte[] body = (reads.incrementAndGet() == 1 ? metric.formatted("1.0", "1.0", "40.0")
                    : metric.formatted("3.0", "3.0", "49.0")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        execution.start();
        try {
            String url = "http://127.0.0.1:" + execution.getAddress().getPort();
            String gone = "http://127.0.0.1:1"; // a replica that does not answer is left out, not fatal
            Path json = dir.resolve("live.json");
            int exit = MmCommand.commandLine().execute("quality", "--bootstrap", TestKafka.bootstrap(), "--minutes",
                    "0.02", "--markets", "NONE", "--execution-url", url + "," + gone, "--json", json.toString());
            assertEquals(0, exit);
            assertEquals(2, reads.get(), "one read at the start of the window, one at its end");
            JsonNode injective = Json.MAPPER.readTree(Files.readString(json)).path("injective");
            assertTrue(injective.path("available").asBoolean(), injective.toString());
            assertEquals(url, injective.path("sources").path(0).asText());
            assertEquals(gone, injective.path("unreadable").path(0).asText());
            JsonNode w1 = injective.path("wallets").path("w1");
            assertEquals(2, w1.path("sequenceMismatches").asLong(), injective.toString());
            assertEquals(2, w1.path("sequenceRecoveries").asLong());
            assertEquals(9, w1.path("txs").path("accepted").asLong());
            assertEquals(0, w1.path("txs").path("lost").asLong());
            assertEquals(2, injective.path("total").path("sequenceMismatches").asLong());
        } finally {
            execution.stop(0);
        }
    }

    @Test
    void jsonOnStandardOutputAndNoCountersForAPastWindow() {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = MmCommand.commandLine().execute("quality", "--bootstrap", TestKafka.bootstrap(), "--from-beginning",
                    "--minutes", "0.1", "--markets", "NONE", "--json", "-");
        } finally {
            System.setOut(console);
        }
        assertEquals(0, exit);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("standard output is the JSON report, not a table: " + captured, e);
        }
        assertEquals(0, root.path("markets").size());
        assertFalse(root.path("injective").path("available").asBoolean());
        assertTrue(root.path("injective").path("unavailable").asText().contains("--from-beginning"), root.toString());
    }
}
