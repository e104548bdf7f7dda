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
    void theSlotTellsApartUpdatesOfOnePublishSecond() {
        String json = "{\"parsed\":[{\"id\":\"e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43\","
                + "\"price\":{\"price\":\"100\",\"conf\":\"1\",\"expo\":0,\"publish_time\":10},"
                + "\"metadata\":{\"slot\":250,\"proof_available_time\":10,\"prev_publish_time\":10}}]}";
        HermesPrice p = HermesParser.parse(json).get(0);
        assertEquals(250, p.slot());
        assertTrue(p.newerThan(10_000, 249), "the same second, a later slot: news");
        assertTrue(!p.newerThan(10_000, 250) && !p.newerThan(10_000, 251), "the same or an earlier slot: not news");
        assertTrue(p.newerThan(9_000, 900), "a later second whatever the slot");
        assertTrue(!p.newerThan(11_000, 0));
        HermesPrice noSlot = new HermesPrice(p.feedId(), p.price(), p.conf(), 10_000);
        assertTrue(!noSlot.newerThan(10_000, 0), "without slots one update per second, as before");
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

    @Test
    void parseEachKeepsTheGoodEntriesOfAnEventWithABadOne() {
        String btc = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
        String eth = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";
        String json = "{\"parsed\":[{\"id\":\"" + btc + "\",\"price\":{\"price\":\"6140993501000\",\"conf\":\"3287868567\","
                + "\"expo\":-8,\"publish_time\":1714746101}},"
                + "{\"id\":\"" + eth + "\",\"price\":{\"price\":\"x\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1}},"
                + "42]}";
        HermesParser.Batch batch = HermesParser.parseEach(json);
        assertEquals(1, batch.prices().size());
        assertEquals(new BigDecimal("61409.93501000"), batch.prices().get(0).price());
        assertEquals(0, batch.prices().get(0).conf().compareTo(new BigDecimal("32.87868567")), "confidence kept, exact");
        assertEquals(2, batch.rejected().size());
        assertTrue(batch.rejected().get(0).contains("'price' = 'x' is not an integer"), batch.rejected().toString());
        assertTrue(batch.rejected().get(1).contains("not a JSON object"), batch.rejected().toString());
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parseEach("[1]"))
                .getMessage().contains("not a JSON object"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parseEach("{\"parsed\":{}}"))
                .getMessage().contains("parsed"));
    }

    @Test
    void outOfRangeFieldsAreMalformedNotHuge() {
        String id = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
        String head = "{\"parsed\":[{\"id\":\"" + id + "\",\"price\":";
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(head
                + "{\"price\":\"5\",\"conf\":\"1\",\"expo\":999999,\"publish_time\":1}}]}")).getMessage().contains("'expo' 999999"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(head
                + "{\"price\":\"5\",\"conf\":\"-1\",\"expo\":-8,\"publish_time\":1}}]}")).getMessage().contains("conf"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(head
                + "{\"price\":\"5\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":-1}}]}")).getMessage().contains("publish_time"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(head
                + "{\"price\":\"" + "9".repeat(100) + "\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1}}]}")).getMessage().contains("too long"));
        assertTrue(assertThrows(MalformedUpdateException.class, () -> HermesParser.parse(
                "{\"parsed\":[{\"id\":\"" + "a".repeat(500) + "\"}]}")).getMessage().length() < 200);
        // the largest Pyth values still convert exactly
        HermesPrice p = HermesParser.parse(head + "{\"price\":\"9223372036854775807\",\"conf\":\"18446744073709551615\","
                + "\"expo\":-12,\"publish_time\":1714746101}}]}").get(0);
        assertEquals(new BigDecimal("9223372.036854775807"), p.price());
        assertEquals(new BigDecimal("18446744.073709551615"), p.conf());
    }
}
