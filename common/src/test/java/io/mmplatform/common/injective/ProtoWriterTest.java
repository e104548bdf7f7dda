package io.mmplatform.common.injective;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProtoWriterTest {

    private static String hex(ProtoWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    @Test
    void varintsAreLittleEndianBase128() {
        assertEquals("0801", hex(new ProtoWriter().uint64(1, 1)));
        assertEquals("08ac02", hex(new ProtoWriter().uint64(1, 300)));
        assertEquals("10b0db06", hex(new ProtoWriter().uint64(2, 110_000)));
        assertEquals("08ffffffffffffffffff01", hex(new ProtoWriter().uint64(1, -1L)), "uint64 max");
    }

    @Test
    void negativeInt32IsSignExtendedToTenBytes() {
        assertEquals("08ffffffffffffffffff01", hex(new ProtoWriter().int32(1, -1)));
        assertEquals("08feffffffffffffffff01", hex(new ProtoWriter().int64(1, -2)));
    }

    @Test
    void defaultsAreOmittedLikeProto3() {
        assertEquals("", hex(new ProtoWriter().string(1, "").string(2, null).uint64(3, 0).bytes(4, new byte[0])
                .enumValue(5, 0).bool(6, false)));
    }

    @Test
    void lengthDelimitedFieldsAndAlwaysWrittenOnes() {
        assertEquals("0a03696e6a", hex(new ProtoWriter().string(1, "inj")));
        assertEquals("1200", hex(new ProtoWriter().message(2, new byte[0])), "empty sub-message still written");
        assertEquals("1a0130", hex(new ProtoWriter().stringAlways(3, "0")));
        assertEquals("a2060178", hex(new ProtoWriter().string(100, "x")), "two-byte tag");
    }

    @Test
    void fieldsMustAscendButRepeatedNumbersMayRepeat() {
        assertEquals("0a01610a0162", hex(new ProtoWriter().string(1, "a").string(1, "b")));
        assertThrows(IllegalStateException.class, () -> new ProtoWriter().string(2, "a").string(1, "b"));
        assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().string(0, "a"));
    }
}
