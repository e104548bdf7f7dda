package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.PriceLevel;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperliquidMessagesTest {
    private static final Set<String> WANTED = Set.of("BTC", "ETH");

    @Test
    void writesTheVenueRequests() {
        assertEquals("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}", HyperliquidMessages.subscribeAllMids());
        assertEquals("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}",
                HyperliquidMessages.subscribeL2Book("BTC"));
        assertEquals("{\"method\":\"ping\"}", HyperliquidMessages.PING);
    }

    @Test
    void readsAllMidsExactlyAndOnlyTheWantedCoins() {
        HyperliquidMessages.Message m = HyperliquidMessages.parse(
                "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"30135.0\",\"ETH\":\"1850.125\",\"@1\":\"not-read\",\"SOL\":\"150\"}}}",
                WANTED);
        Map<String, BigDecimal> mids = assertInstanceOf(HyperliquidMessages.Mids.class, m).mids();
        assertEquals(Map.of("BTC", new BigDecimal("30135.0"), "ETH", new BigDecimal("1850.125")), mids);
        assertEquals(1, mids.get("BTC").scale());
    }

    @Test
    void readsTheRecordedInfoAllMidsAnswer() throws Exception {
        JsonNode recorded;
        try (InputStream in = getClass().getResourceAsStream("/vectors/hyperliquid-info.json")) {
            recorded = Json.MAPPER.readTree(in).get("allMids").get("recorded");
        }
        assertEquals(Map.of("BTC", new BigDecimal("30135.0")), HyperliquidMessages.parseInfoAllMids(recorded.toString(), WANTED));
        assertThrows(MalformedUpdateException.class, () -> HyperliquidMessages.parseInfoAllMids("[]", WANTED));
        assertThrows(MalformedUpdateException.class, () -> HyperliquidMessages.parseInfoAllMids("{\"BTC\":\"0\"}", WANTED));
    }

    @Test
    void readsAnL2BookAndItsExactMid() {
        HyperliquidMessages.Message m = HyperliquidMessages.parse("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"DYDX\","
                + "\"time\":1714746101123,\"levels\":[[{\"px\":\"2.111\",\"sz\":\"134.4\",\"n\":1}],"
                + "[{\"px\":\"2.114\",\"sz\":\"10\",\"n\":3},{\"px\":\"2.2\",\"sz\":\"1\",\"n\":1}]]}}", WANTED);
        L2BookParser.L2Book book = assertInstanceOf(HyperliquidMessages.Book.class, m).book();
        assertEquals("DYDX", book.coin());
        assertEquals(1714746101123L, book.timeMs());
        assertEquals(List.of(new PriceLevel(new BigDecimal("2.111"), new BigDecimal("134.4"), 1)), book.bids());
        assertEquals(2, book.asks().size());
        assertEquals(Optional.of(new BigDecimal("2.1125")), HyperliquidMessages.mid(book));

        L2BookParser.L2Book oneSided = new L2BookParser.L2Book("BTC", 0, book.bids(), List.of());
        assertEquals(Optional.empty(), HyperliquidMessages.mid(oneSided));
        L2BookParser.L2Book crossed = new L2BookParser.L2Book("BTC", 0, book.asks(), book.bids());
        assertThrows(MalformedUpdateException.class, () -> HyperliquidMessages.mid(crossed));
    }

    @Test
    void readsControlMessages() {
        assertInstanceOf(HyperliquidMessages.Pong.class, HyperliquidMessages.parse("{\"channel\":\"pong\"}", WANTED));
        HyperliquidMessages.SubscriptionResponse ack = assertInstanceOf(HyperliquidMessages.SubscriptionResponse.class,
                HyperliquidMessages.parse("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\","
                        + "\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}}", WANTED));
        assertEquals("subscribe", ack.method());
        assertTrue(ack.subscription().contains("l2Book"));
        assertEquals("Invalid subscription", assertInstanceOf(HyperliquidMessages.VenueError.class,
                HyperliquidMessages.parse("{\"channel\":\"error\",\"data\":\"Invalid subscription\"}", WANTED)).message());
        assertEquals("trades", assertInstanceOf(HyperliquidMessages.Other.class,
                HyperliquidMessages.parse("{\"channel\":\"trades\",\"data\":[]}", WANTED)).channel());
    }

    @Test
    void rejectsMalformedMessages() {
        for (String bad : List.of("", "not json", "[1]", "{\"data\":{}}", "{\"channel\":7}",
                "{\"channel\":\"allMids\"}", "{\"channel\":\"allMids\",\"data\":{\"mids\":[]}}",
                "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"1e\"}}}",
                "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"ETH\":\"-1\"}}}",
                "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":null}}}",
                "{\"channel\":\"l2Book\",\"data\":{\"levels\":[[],[]]}}",
                "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[]]}}",
                "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[{\"sz\":\"1\"}],[]]}}",
                "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[{\"px\":\"x\",\"sz\":\"1\"}],[]]}}")) {
            assertThrows(MalformedUpdateException.class, () -> HyperliquidMessages.parse(bad, WANTED), bad);
        }
    }
}
