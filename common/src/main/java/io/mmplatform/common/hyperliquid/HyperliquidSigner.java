package io.mmplatform.common.hyperliquid;

import static io.mmplatform.common.hyperliquid.Eip712Bytes.concat;
import static io.mmplatform.common.hyperliquid.Eip712Bytes.keccak;
import static io.mmplatform.common.hyperliquid.Eip712Bytes.word;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.crypto.Secp256k1Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;

/**
 * Hyperliquid L1 action signing ("phantom agent"):
 * <pre>
 * actionHash = keccak256(msgpack(action) ++ nonce (8 bytes BE) ++ (0x00 | 0x01 ++ vault (20 bytes))
 *                        [++ 0x00 ++ expiresAfter (8 bytes BE), only when set])
 * digest     = EIP-712 hash of Agent(string source, bytes32 connectionId) {source: 'a' mainnet | 'b' testnet,
 *              connectionId: actionHash} in domain {name 'Exchange', version '1', chainId 1337, verifyingContract 0x0}
 * </pre>
 * The action must be built with {@code Json.MAPPER}: map key order is part of the hash.
 */
public final class HyperliquidSigner {
    private static final byte[] DOMAIN_SEPARATOR = domainSeparator();
    private static final byte[] AGENT_TYPE_HASH =
            keccak("Agent(string source,bytes32 connectionId)".getBytes(StandardCharsets.UTF_8));
    private static final byte[] SOURCE_MAINNET = keccak("a".getBytes(StandardCharsets.UTF_8));
    private static final byte[] SOURCE_TESTNET = keccak("b".getBytes(StandardCharsets.UTF_8));

    public static byte[] actionHash(JsonNode action, long nonce, String vaultAddressOrNull, Long expiresAfterOrNull) {
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative: " + nonce);
        }
        if (expiresAfterOrNull != null && expiresAfterOrNull < 0) {
            throw new IllegalArgumentException("expiresAfter must not be negative: " + expiresAfterOrNull);
        }
        byte[] packed = ActionPacker.pack(action);
        ByteArrayOutputStream data = new ByteArrayOutputStream(packed.length + 38);
        data.writeBytes(packed);
        data.writeBytes(longBytes(nonce));
        if (vaultAddressOrNull == null) {
            data.write(0x00);
        } else {
            data.write(0x01);
            data.writeBytes(addressBytes(vaultAddressOrNull));
        }
        if (expiresAfterOrNull != null) {
            data.write(0x00);
            data.writeBytes(longBytes(expiresAfterOrNull));
        }
        return keccak(data.toByteArray());
    }

    /** The 32-byte EIP-712 digest that is signed for an action hash. */
    public static byte[] agentDigest(byte[] actionHash, boolean mainnet) {
        if (actionHash == null || actionHash.length != 32) {
            throw new IllegalArgumentException("action hash must be 32 bytes");
        }
        byte[] structHash = keccak(concat(AGENT_TYPE_HASH, mainnet ? SOURCE_MAINNET : SOURCE_TESTNET, actionHash));
        return keccak(concat(new byte[] {0x19, 0x01}, DOMAIN_SEPARATOR, structHash));
    }

    public static Signature signL1Action(ECKeyPair key, JsonNode action, long nonce, String vaultOrNull,
                                         Long expiresAfterOrNull, boolean mainnet) {
        if (key == null) {
            throw new IllegalArgumentException("signing key is required");
        }
        byte[] digest = agentDigest(actionHash(action, nonce, vaultOrNull, expiresAfterOrNull), mainnet);
        return Signature.of(Secp256k1Signer.sign(digest, key));
    }

    /** Lowercase 0x address of the key that signed the action; IllegalArgumentException if nothing recovers. */
    public static String recoverL1Signer(JsonNode action, long nonce, String vaultOrNull, Long expiresAfterOrNull,
                                         boolean mainnet, Signature sig) {
        if (sig == null) {
            throw new IllegalArgumentException("signature is required");
        }
        byte[] digest = agentDigest(actionHash(action, nonce, vaultOrNull, expiresAfterOrNull), mainnet);
        Sign.SignatureData data = new Sign.SignatureData((byte) sig.v(), word(sig.r()), word(sig.s()));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, data);
            return "0x" + Keys.getAddress(publicKey).toLowerCase();
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("signature does not recover a signer: " + e.getMessage());
        }
    }

    /** Lowercase 0x address of a key pair. */
    public static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key.getPublicKey()).toLowerCase();
    }

    private static byte[] domainSeparator() {
        byte[] typeHash = keccak(("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
                .getBytes(StandardCharsets.UTF_8));
        return keccak(concat(typeHash,
                keccak("Exchange".getBytes(StandardCharsets.UTF_8)),
                keccak("1".getBytes(StandardCharsets.UTF_8)),
                word(BigInteger.valueOf(1337)),
                new byte[32]));
    }

    static byte[] addressBytes(String address) {
        if (address.length() != 42 || !(address.startsWith("0x") || address.startsWith("0X"))) {
            throw new IllegalArgumentException("address must be 0x followed by 40 hex digits: " + address);
        }
        byte[] out = new byte[20];
        for (int i = 0; i < 20; i++) {
            int hi = Character.digit(address.charAt(2 + 2 * i), 16);
            int lo = Character.digit(address.charAt(3 + 2 * i), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("address is not hex: " + address);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }


    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }



    private HyperliquidSigner() {
    }
}
