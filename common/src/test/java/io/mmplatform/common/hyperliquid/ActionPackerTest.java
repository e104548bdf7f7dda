package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionPackerTest {

    private static String hex(JsonNode node) {
        return HexFormat.of().formatHex(ActionPacker.pack(node));
    }

    /** Formats from the MessagePack specification: the smallest one that holds the value. */
    @ParameterizedTest
    @CsvSource({
            "0, 00", "127, 7f", "128, cc80", "255, ccff", "256, cd0100", "65535, cdffff", "65536, ce00010000",
            "4294967295, ceffffffff", "4294967296, cf0000000100000000", "9223372036854775807, cf7fffffffffffffff",
            "-1, ff", "-32, e0", "-33, d0df", "-128, d080", "-129, d1ff7f", "-32768, d18000", "-32769, d2ffff7fff",
            "-2147483649, d3ffffffff7fffffff"})
    void integersUseTheSmallestFormat(long value, String expected) {
        assertEquals(expected, hex(Json.MAPPER.getNodeFactory().numberNode(value)));
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            assertEquals(expected, hex(Json.MAPPER.getNodeFactory().numberNode((int) value)));
        }
    }

    @Test
    void unsigned64BitIntegerFromBigInteger() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals("cfffffffffffffffff", hex(Json.MAPPER.getNodeFactory().numberNode(max)));
        assertThrows(IllegalArgumentException.class,
                () -> ActionPacker.pack(Json.MAPPER.getNodeFactory().numberNode(max.add(BigInteger.ONE))));
    }

    @Test
    void scalarsAndStrings() {
        assertEquals("c0", hex(Json.MAPPER.nullNode()));
        assertEquals("c3", hex(Json.MAPPER.getNodeFactory().booleanNode(true)));
        assertEquals("c2", hex(Json.MAPPER.getNodeFactory().booleanNode(false)));
        assertEquals("a0", hex(Json.MAPPER.getNodeFactory().textNode("")));
        assertEquals("a3477463", hex(Json.MAPPER.getNodeFactory().textNode("Gtc")));
        String s31 = "x".repeat(31);
        String s32 = "x".repeat(32);
        String s256 = "x".repeat(256);
        assertTrue(hex(Json.MAPPER.getNodeFactory().textNode(s31)).startsWith("bf"));
        assertTrue(hex(Json.MAPPER.getNodeFactory().textNode(s32)).startsWith("d920"), "str8 like Python msgpack");
        assertTrue(hex(Json.MAPPER.getNodeFactory().textNode(s256)).startsWith("da0100"));
        assertEquals("a2c3a9", hex(Json.MAPPER.getNodeFactory().textNode("é")), "UTF-8 byte length");
    }

    @Test
    void mapsKeepInsertionOrderAndNest() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("z", 1);
        node.put("a", (String) null);
        node.putArray("m").add(1).add("x").addObject();
        assertEquals("83" + "a17a01" + "a161c0" + "a16d93" + "01" + "a178" + "80", hex(node));
        ObjectNode reversed = Json.MAPPER.createObjectNode();
        reversed.set("m", node.get("m"));
        reversed.putNull("a");
        reversed.put("z", 1);
        assertEquals("83" + "a16d93" + "01" + "a178" + "80" + "a161c0" + "a17a01", hex(reversed));
    }

    @Test
    void floatsAreRejectedWithThePath() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putArray("orders").addObject().put("p", new BigDecimal("100.5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActionPacker.pack(node));
        assertTrue(e.getMessage().contains("$.orders[0].p"), e.getMessage());
        assertTrue(e.getMessage().contains("floating-point"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ActionPacker.pack(Json.MAPPER.getNodeFactory().numberNode(1.5d)));
        assertThrows(IllegalArgumentException.class,
                () -> ActionPacker.pack(Json.MAPPER.getNodeFactory().numberNode(1.0f)));
    }

    @Test
    void parsedJsonKeepsDocumentOrder() throws Exception {
        JsonNode parsed = Json.MAPPER.readTree("{\"type\":\"cancel\",\"cancels\":[{\"a\":3,\"o\":77738308}]}");
        assertEquals("82" + "a474797065" + "a663616e63656c" + "a763616e63656c73" + "91"
                + "82" + "a161" + "03" + "a16f" + "ce04a23144", hex(parsed));
    }
}
