package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureTest {
    private static final BigInteger R = new BigInteger("53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298", 16);
    private static final BigInteger S = new BigInteger("755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 16);

    @Test
    void toJsonWritesUnpaddedHex() {
        ObjectNode json = new Signature(R, S, 27).toJson();
        assertEquals("0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298", json.get("r").asText());
        assertEquals("0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", json.get("s").asText());
        assertEquals(27, json.get("v").intValue());
        assertEquals(3, json.size());
    }

    @Test
    void fromJsonAcceptsPaddedAndUnpadded() throws Exception {
        JsonNode unpadded = Json.MAPPER.readTree("{\"r\":\"0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298\","
                + "\"s\":\"0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8\",\"v\":27}");
        JsonNode padded = Json.MAPPER.readTree("{\"r\":\"0x053749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298\","
                + "\"s\":\"0x755C40BA9BF05223521753995ABB2F73AB3229BE8EC921F350CB447E384D8ED8\",\"v\":27}");
        Signature expected = new Signature(R, S, 27);
        assertEquals(expected, Signature.fromJson(unpadded));
        assertEquals(expected, Signature.fromJson(padded));
        assertEquals(expected, Signature.fromJson(expected.toJson()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"r\":\"0x1\",\"s\":\"0x2\"}",
            "{\"r\":\"0x1\",\"s\":\"0x2\",\"v\":29}",
            "{\"r\":\"0x1\",\"s\":\"0x2\",\"v\":\"27\"}",
            "{\"r\":\"1\",\"s\":\"0x2\",\"v\":27}",
            "{\"r\":\"0xzz\",\"s\":\"0x2\",\"v\":27}",
            "{\"r\":\"0x\",\"s\":\"0x2\",\"v\":27}",
            "{\"r\":\"0x0\",\"s\":\"0x2\",\"v\":27}",
            "{\"r\":\"0x1\",\"s\":2,\"v\":27}",
            "{\"r\":\"0x10000000000000000000000000000000000000000000000000000000000000000\",\"s\":\"0x2\",\"v\":27}",
            "[]", "null"})
    void fromJsonRejectsBadShapes(String json) throws Exception {
        JsonNode node = Json.MAPPER.readTree(json);
        assertThrows(IllegalArgumentException.class, () -> Signature.fromJson(node));
    }
}
