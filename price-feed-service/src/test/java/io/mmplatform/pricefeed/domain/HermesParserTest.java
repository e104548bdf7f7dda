package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HermesParserTest {

    static JsonNode vector() throws Exception {
        try (InputStream in = HermesParserTest.class.getResourceAsStream("/vectors/pyth-hermes.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void parsesThePublishedExampleExactly() throws Exception {
        ObjectNode update = Json.MAPPER.createObjectNode();
        update.putArray("parsed").add(vector().get("parsedExample"));
        update.putObject("binary").put("encoding", "hex").putArray("data").add("504e4155");
        List<HermesPrice> prices = HermesParser.parse(update.toString());
        assertEquals(1, prices.size());
        HermesPrice p = prices.get(0);
        assertEquals("e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43", p.feedId());
        // 6140993501000 x 10^-8, exactly, not through a double
        assertEquals(new BigDecimal("61409.93501000"), p.price());
        assertEquals(0, p.conf().compareTo(new BigDecimal("32.87868567")));
        assertEquals(1714746101000L, p.publishTimeMs());
    }

    @Test
    void acceptsNumericIntegersAndPositiveExponentsAndA0xId() {
        String json = "{\"parsed\":[{\"id\":\"0xE62DF6C8B4A85FE1A67DB44DC12DE5DB330F7AC66B72DC658AFEDF0F4A415B43\","
                + "\"price\":{\"price\":12345,\"conf\":\"7\",\"expo\":2,\"publish_time\":10}}]}";
        HermesPrice p = HermesParser.parse(json).get(0);
        assertEquals(0, p.price().compareTo(new BigDecimal("1234500")));
        assertEquals(0, p.conf().compareTo(new BigDecimal("700")));
        assertEquals("e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43", p.feedId());
    }

    @Test
    void malformedPayloadsSayWhatIsWrong() {
        String id = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse("{not json"))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse("{\"binary\":{}}"))
                .getMessage().contains("parsed"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(
                "{\"parsed\":[{\"id\":\"" + id + "\",\"price\":{\"price\":\"1.5\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1}}]}"))
                .getMessage().contains("'price' = '1.5' is not an integer"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(
                "{\"parsed\":[{\"id\":\"" + id + "\",\"price\":{\"price\":\"-5\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1}}]}"))
                .getMessage().contains("not positive"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(
                "{\"parsed\":[{\"id\":\"abc\",\"price\":{\"price\":\"5\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1}}]}"))
                .getMessage().contains("64 hex"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(
                "{\"parsed\":[{\"id\":\"" + id + "\",\"price\":{\"price\":\"5\",\"conf\":\"1\",\"publish_time\":1}}]}"))
                .getMessage().contains("expo"));
    }
}
