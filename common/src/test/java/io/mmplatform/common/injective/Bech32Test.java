package io.mmplatform.common.injective;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BIP-173 test strings whose data is whole bytes, plus invalid cases. */
class Bech32Test {

    @Test
    void bip173ValidStrings() {
        Bech32.Decoded empty = Bech32.decode("A12UEL5L");
        assertEquals("a", empty.hrp());
        assertEquals(0, empty.data().length);
        assertEquals("a12uel5l", Bech32.encode("a", new byte[0]));

        // data words 0..31 in order = the 20 bytes 00443214c74254b635cf84653a56d7c675be77df
        Bech32.Decoded all = Bech32.decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
        assertEquals("abcdef", all.hrp());
        assertArrayEquals(HexFormat.of().parseHex("00443214c74254b635cf84653a56d7c675be77df"), all.data());
        assertEquals("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", Bech32.encode("abcdef", all.data()));
    }

    @Test
    void bip173InvalidStrings() {
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("A1G7SGD8"), "checksum computed with uppercase");
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("a12UEL5L"), "mixed case");
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("pzry9x0s0muk"), "no separator");
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("1pzry9x0s0muk"), "empty prefix");
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("x1b4n0q5v"), "invalid data character");
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode("a12uel5m"), "wrong checksum");
        assertThrows(IllegalArgumentException.class, () -> Bech32.encode("INJ", new byte[20]), "uppercase prefix");
    }
}
