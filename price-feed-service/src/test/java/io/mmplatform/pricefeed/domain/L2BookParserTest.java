package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class L2BookParserTest {

    @Test
    void parsesTheRecordedShape() throws Exception {
        JsonNode vector;
        try (InputStream in = getClass().getResourceAsStream("/vectors/hyperliquid-info.json")) {
            vector = Json.MAPPER.readTree(in).get("l2Book");
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("coin", "DYDX");
        ArrayNode levels = answer.putArray("levels");
        levels.addArray().add(vector.get("recordedFirstBid"));
        levels.addArray().addObject().put("px", "2.112").put("sz", "10").put("n", 3);
        answer.put("time", 1714746101123L);

        L2BookParser.L2Book book = L2BookParser.parse(answer.toString());
        assertEquals("DYDX", book.coin());
        assertEquals(1714746101123L, book.timeMs());
        assertEquals(new BigDecimal("2.111"), book.bids().get(0).price());
        assertEquals(new BigDecimal("134.4"), book.bids().get(0).size());
        assertEquals(1, book.bids().get(0).orders());
        assertEquals(new BigDecimal("2.112"), book.asks().get(0).price());
        assertEquals(3, book.asks().get(0).orders());
    }

    @Test
    void rejectsAnswersWithoutTwoSides() {
        assertThrows(MalformedUpdateException.class, () -> L2BookParser.parse("null"));
        assertThrows(MalformedUpdateException.class, () -> L2BookParser.parse("{\"levels\":[[]]}"));
        assertThrows(MalformedUpdateException.class, () -> L2BookParser.parse("{\"levels\":[[{\"px\":\"x\",\"sz\":\"1\"}],[]]}"));
    }
}
