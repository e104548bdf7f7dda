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
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hyperliquid "user-signed" actions (approveAgent, transfers, ...): plain EIP-712 typed data, unlike L1 actions.
 * <pre>
 * domain  = {name 'HyperliquidSignTransaction', version '1', chainId = action.signatureChainId (hex),
 *            verifyingContract 0x0}
 * message = the action's fields of the primary type, e.g.
 *           HyperliquidTransaction:ApproveAgent(string hyperliquidChain,address agentAddress,string agentName,uint64 nonce)
 * </pre>
 * The JSON action carries {@code type}, {@code signatureChainId} and the typed fields; fields absent from the JSON
 * are hashed as their zero value (an absent agentName is the empty string, as the venue's SDKs sign it).
 */
public final class UserSignedActions {

    /** One field of a user-signed type: its name in the action and its Solidity type. */
    public record Field(String name, String type) {
        public Field {
            if (!List.of("string", "address", "uint64", "bool").contains(type)) {
                throw new IllegalArgumentException("unsupported EIP-712 field type " + type);
            }
        }
    }

    /** A primary type: its EIP-712 name and fields in order. */
    public record Type(String name, List<Field> fields) {
        public Type {
            fields = List.copyOf(fields);
        }

        public String encodeType() {
            return name + "(" + fields.stream().map(f -> f.type() + " " + f.name())
                    .collect(Collectors.joining(",")) + ")";
        }
    }

    /** approveAgent: a master wallet lets an agent (API wallet) key sign L1 actions for it. */
    public static final Type APPROVE_AGENT = new Type("HyperliquidTransaction:ApproveAgent", List.of(
            new Field("hyperliquidChain", "string"),
            new Field("agentAddress", "address"),
            new Field("agentName", "string"),
            new Field("nonce", "uint64")));

    private static final byte[] DOMAIN_TYPE_HASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                    .getBytes(StandardCharsets.UTF_8));
    private static final byte[] DOMAIN_NAME = keccak("HyperliquidSignTransaction".getBytes(StandardCharsets.UTF_8));
    private static final byte[] DOMAIN_VERSION = keccak("1".getBytes(StandardCharsets.UTF_8));

    /** The chain id of the signature, from the action's {@code signatureChainId} (0x hex). */
    public static BigInteger chainId(JsonNode action) {
        JsonNode id = action == null ? null : action.get("signatureChainId");
        if (id == null || !id.isTextual() || !id.textValue().matches("0x[0-9a-fA-F]{1,64}")) {
            throw new IllegalArgumentException("signatureChainId must be a 0x hex string");
        }
        return new BigInteger(id.textValue().substring(2), 16);
    }

    /** The 32-byte EIP-712 digest that is signed for a user-signed action. */
    public static byte[] digest(Type type, JsonNode action) {
        if (action == null || !action.isObject()) {
            throw new IllegalArgumentException("action must be a JSON object");
        }
        byte[] domain = keccak(concat(DOMAIN_TYPE_HASH, DOMAIN_NAME, DOMAIN_VERSION, word(chainId(action)),
                new byte[32]));
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        struct.writeBytes(keccak(type.encodeType().getBytes(StandardCharsets.UTF_8)));
        for (Field f : type.fields()) {
            struct.writeBytes(encode(f, action.get(f.name())));
        }
        return keccak(concat(new byte[] {0x19, 0x01}, domain, keccak(struct.toByteArray())));
    }

    public static Signature sign(ECKeyPair key, Type type, JsonNode action) {
        if (key == null) {
            throw new IllegalArgumentException("signing key is required");
        }
        return Signature.of(Secp256k1Signer.sign(digest(type, action), key));
    }

    /** Lowercase 0x address of the key that signed; IllegalArgumentException when nothing recovers. */
    public static String recoverSigner(Type type, JsonNode action, Signature sig) {
        if (sig == null) {
            throw new IllegalArgumentException("signature is required");
        }
        byte[] digest = digest(type, action);
        Sign.SignatureData data = new Sign.SignatureData((byte) sig.v(), word(sig.r()), word(sig.s()));
        try {
            return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data)).toLowerCase();
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("signature does not recover a signer: " + e.getMessage());
        }
    }

    private static byte[] encode(Field f, JsonNode value) {
        boolean absent = value == null || value.isNull();
        return switch (f.type()) {
            case "string" -> {
                if (!absent && !value.isTextual()) {
                    throw new IllegalArgumentException(f.name() + " must be a string");
                }
                yield keccak((absent ? "" : value.textValue()).getBytes(StandardCharsets.UTF_8));
            }
            case "address" -> {
                if (absent || !value.isTextual()) {
                    throw new IllegalArgumentException(f.name() + " must be an address string");
                }
                byte[] out = new byte[32];
                System.arraycopy(HyperliquidSigner.addressBytes(value.textValue()), 0, out, 12, 20);
                yield out;
            }
            case "uint64" -> {
                if (absent || !value.isIntegralNumber() || value.bigIntegerValue().signum() < 0
                        || value.bigIntegerValue().bitLength() > 64) {
                    throw new IllegalArgumentException(f.name() + " must be an unsigned 64-bit integer");
                }
                yield word(value.bigIntegerValue());
            }
            case "bool" -> {
                if (absent || !value.isBoolean()) {
                    throw new IllegalArgumentException(f.name() + " must be a boolean");
                }
                yield word(value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO);
            }
            default -> throw new IllegalArgumentException("unsupported type " + f.type());
        };
    }




    private UserSignedActions() {
    }
}
