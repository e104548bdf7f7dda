package io.mmplatform.common.injective;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Injective account: the Ethereum-style 20-byte address (last 20 bytes of keccak256 of the uncompressed public key
 * without its 0x04 prefix), shown as {@code 0x..} hex or as bech32 with prefix {@code inj}.
 */
public final class InjectiveAddress {
    public static final String HRP = "inj";
    private static final int MAX_SUBACCOUNT_INDEX_HEX_DIGITS = 24;

    private final byte[] bytes;

    private InjectiveAddress(byte[] bytes) {
        if (bytes.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static InjectiveAddress fromPrivateKey(String privateKeyHex) {
        return fromKey(InjectiveKeys.keyPair(privateKeyHex));
    }

    public static InjectiveAddress fromKey(ECKeyPair key) {
        return new InjectiveAddress(HexFormat.of().parseHex(Keys.getAddress(key.getPublicKey())));
    }

    /** From {@code 0x} + 40 hex digits (any case). */
    public static InjectiveAddress fromHex(String hex) {
        if (hex == null || hex.length() != 42 || !(hex.startsWith("0x") || hex.startsWith("0X"))) {
            throw new IllegalArgumentException("address must be 0x followed by 40 hex digits: " + hex);
        }
        try {
            return new InjectiveAddress(HexFormat.of().parseHex(hex.substring(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address is not hex: " + hex);
        }
    }

    public static InjectiveAddress fromBech32(String bech32) {
        Bech32.Decoded decoded = Bech32.decode(bech32);
        if (!HRP.equals(decoded.hrp())) {
            throw new IllegalArgumentException("not an inj address (prefix " + decoded.hrp() + "): " + bech32);
        }
        return new InjectiveAddress(decoded.data());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lowercase {@code 0x} + 40 hex digits. */
    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public String bech32() {
        return Bech32.encode(HRP, bytes);
    }

    /** Subaccount id: {@code 0x} + 40 hex address digits + the index as 24 hex digits (index 0 is the default). */
    public String subaccountId(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("subaccount index must not be negative: " + index);
        }
        String indexHex = Long.toHexString(index);
        return hex() + "0".repeat(MAX_SUBACCOUNT_INDEX_HEX_DIGITS - indexHex.length()) + indexHex;
    }

    public String defaultSubaccountId() {
        return subaccountId(0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InjectiveAddress address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bech32();
    }
}
