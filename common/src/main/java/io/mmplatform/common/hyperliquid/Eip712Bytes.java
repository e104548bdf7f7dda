package io.mmplatform.common.hyperliquid;

import org.web3j.crypto.Hash;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** The byte building blocks of EIP-712 hashing shared by L1 (agent) and user-signed actions. */
final class Eip712Bytes {

    /** A non-negative integer as a 32-byte big-endian word. */
    static byte[] word(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value does not fit in 32 bytes");
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] keccak(byte[] data) {
        return Hash.sha3(data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Eip712Bytes() {
    }
}
