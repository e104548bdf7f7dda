package io.mmplatform.common.injective;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveAddressTest {
    private static final String KEY = "9ee18daf8e463877aaf497282abc216852420101430482a28e246c179e2c5ef1";

    @Test
    void addressIsLast20BytesOfKeccakOfUncompressedKeyWithout04() {
        ECKeyPair key = InjectiveKeys.keyPair(KEY);
        byte[] uncompressed = InjectiveKeys.publicKey(key, InjectiveKeys.PublicKeyForm.UNCOMPRESSED);
        assertEquals(65, uncompressed.length);
        assertEquals(0x04, uncompressed[0]);
        byte[] hash = Hash.sha3(Arrays.copyOfRange(uncompressed, 1, 65));
        assertArrayEquals(Arrays.copyOfRange(hash, 12, 32), InjectiveAddress.fromPrivateKey(KEY).bytes());
        assertEquals(InjectiveAddress.fromPrivateKey(KEY), InjectiveAddress.fromPrivateKey("0x" + KEY.toUpperCase()));
    }

    @Test
    void compressedKeyIs33BytesOfTheSamePoint() {
        ECKeyPair key = InjectiveKeys.keyPair(KEY);
        byte[] compressed = InjectiveKeys.publicKey(key, InjectiveKeys.PublicKeyForm.COMPRESSED);
        byte[] uncompressed = InjectiveKeys.publicKey(key, InjectiveKeys.PublicKeyForm.UNCOMPRESSED);
        assertEquals(33, compressed.length);
        assertEquals((uncompressed[64] & 1) == 0 ? 0x02 : 0x03, compressed[0]);
        assertArrayEquals(Arrays.copyOfRange(uncompressed, 1, 33), Arrays.copyOfRange(compressed, 1, 33));
    }

    @Test
    void defaultSubaccountIsAddressHexPlus24Zeros() {
        InjectiveAddress address = InjectiveAddress.fromHex("0xbdaedec95d563fb05240d6e01821008454c24c36");
        String id = address.defaultSubaccountId();
        assertEquals("0xbdaedec95d563fb05240d6e01821008454c24c36000000000000000000000000", id);
        assertEquals(66, id.length());
        assertEquals(id, address.subaccountId(0));
    }

    @Test
    void subaccountIndexIsHexInTheLast24Digits() {
        InjectiveAddress address = InjectiveAddress.fromHex("0xBDAEDEC95D563FB05240D6E01821008454C24C36");
        assertEquals("0xbdaedec95d563fb05240d6e01821008454c24c36000000000000000000000001", address.subaccountId(1));
        assertEquals("0xbdaedec95d563fb05240d6e01821008454c24c360000000000000000000000ff", address.subaccountId(255));
        assertTrue(address.subaccountId(Long.MAX_VALUE).endsWith("0000007fffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> address.subaccountId(-1));
    }

    @Test
    void bech32RoundTripsAndRejectsOtherPrefixesAndBadChecksums() {
        InjectiveAddress address = InjectiveAddress.fromPrivateKey(KEY);
        assertEquals(address, InjectiveAddress.fromBech32(address.bech32()));
        assertEquals(address, InjectiveAddress.fromBech32(address.bech32().toUpperCase()));
        String cosmos = Bech32.encode("cosmos", address.bytes());
        IllegalArgumentException wrongPrefix = assertThrows(IllegalArgumentException.class,
                () -> InjectiveAddress.fromBech32(cosmos));
        assertTrue(wrongPrefix.getMessage().contains("cosmos"), wrongPrefix.getMessage());
        String good = address.bech32();
        String flipped = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");
        assertThrows(IllegalArgumentException.class, () -> InjectiveAddress.fromBech32(flipped));
    }

    @Test
    void rejectsMalformedHexAndKeys() {
        assertThrows(IllegalArgumentException.class, () -> InjectiveAddress.fromHex("0x1234"));
        assertThrows(IllegalArgumentException.class,
                () -> InjectiveAddress.fromHex("0xzzaedec95d563fb05240d6e01821008454c24c36"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveKeys.keyPair("abc"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveKeys.keyPair("0".repeat(64)));
        assertEquals("0x" + HexFormat.of().formatHex(InjectiveAddress.fromPrivateKey(KEY).bytes()),
                InjectiveAddress.fromPrivateKey(KEY).hex());
    }
}
