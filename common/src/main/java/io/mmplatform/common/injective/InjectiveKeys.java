package io.mmplatform.common.injective;

import io.mmplatform.common.crypto.Secp256k1Signer;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

import java.math.BigInteger;

/**
 * eth_secp256k1 keys as Injective uses them: signatures are secp256k1 over keccak256(message) as 64 bytes r||s with
 * low s (no recovery byte); the public key travels as an Any of {@value #PUB_KEY_TYPE_URL}.
 */
public final class InjectiveKeys {
    public static final String PUB_KEY_TYPE_URL = "/injective.crypto.v1beta1.ethsecp256k1.PubKey";

    /** Which public key encoding goes into the SignerInfo; current SDKs send the 33-byte compressed form. */
    public enum PublicKeyForm { COMPRESSED, UNCOMPRESSED }

    /** From 64 hex digits, with or without {@code 0x}. */
    public static ECKeyPair keyPair(String privateKeyHex) {
        if (privateKeyHex == null) {
            throw new IllegalArgumentException("private key is required");
        }
        String hex = privateKeyHex.startsWith("0x") || privateKeyHex.startsWith("0X")
                ? privateKeyHex.substring(2) : privateKeyHex;
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("private key must be 64 hex digits");
        }
        BigInteger key = new BigInteger(hex, 16);
        if (key.signum() == 0 || key.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("private key is outside the secp256k1 range");
        }
        return ECKeyPair.create(key);
    }

    /** SEC1 public key: 33 bytes (0x02/0x03 prefix) or 65 bytes (0x04 prefix). */
    public static byte[] publicKey(ECKeyPair key, PublicKeyForm form) {
        return Sign.publicPointFromPrivate(key.getPrivateKey()).getEncoded(form == PublicKeyForm.COMPRESSED);
    }

    public static ProtoAny publicKeyAny(byte[] publicKey) {
        if (publicKey.length != 33 && publicKey.length != 65) {
            throw new IllegalArgumentException("public key must be 33 (compressed) or 65 (uncompressed) bytes");
        }
        return new ProtoAny(PUB_KEY_TYPE_URL, new ProtoWriter().bytes(1, publicKey).toByteArray());
    }

    /** 64-byte r||s over keccak256(message), s in the lower half of the curve order. */
    public static byte[] sign(ECKeyPair key, byte[] message) {
        Secp256k1Signer.RecoverableSignature sig = Secp256k1Signer.sign(Hash.sha3(message), key);
        byte[] out = new byte[64];
        byte[] r = BigIntegers.asUnsignedByteArray(32, sig.r());
        byte[] s = BigIntegers.asUnsignedByteArray(32, sig.s());
        System.arraycopy(r, 0, out, 0, 32);
        System.arraycopy(s, 0, out, 32, 32);
        return out;
    }

    private InjectiveKeys() {
    }
}
