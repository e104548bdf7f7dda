package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.crypto.Secp256k1Signer;

import java.math.BigInteger;

/**
 * An ECDSA signature as the venue exchanges it: {@code {"r":"0x..","s":"0x..","v":27}}. r and s are written as
 * unpadded lowercase hex (like the reference client); both padded and unpadded hex are read.
 */
public record Signature(BigInteger r, BigInteger s, int v) {

    public Signature {
        if (r == null || s == null) {
            throw new IllegalArgumentException("signature r and s are required");
        }
        if (r.signum() <= 0 || s.signum() <= 0 || r.bitLength() > 256 || s.bitLength() > 256) {
            throw new IllegalArgumentException("signature r and s must be positive 256-bit integers");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
        }
    }

    public static Signature of(Secp256k1Signer.RecoverableSignature sig) {
        return new Signature(sig.r(), sig.s(), sig.v());
    }

    /** {@code {"r":"0x<hex>","s":"0x<hex>","v":27}}, hex unpadded. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("r", "0x" + r.toString(16));
        node.put("s", "0x" + s.toString(16));
        node.put("v", v);
        return node;
    }

    /** Reads {@code {"r","s","v"}}; IllegalArgumentException with the reason when the shape is wrong. */
    public static Signature fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("signature must be an object with r, s and v");
        }
        JsonNode v = node.get("v");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("signature v must be an integer");
        }
        return new Signature(hex(node, "r"), hex(node, "s"), v.intValue());
    }

    private static BigInteger hex(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("signature " + field + " must be a 0x hex string");
        }
        String text = value.textValue();
        if (!(text.startsWith("0x") || text.startsWith("0X")) || text.length() < 3 || text.length() > 66) {
            throw new IllegalArgumentException("signature " + field + " must be a 0x hex string of at most 64 digits");
        }
        try {
            return new BigInteger(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("signature " + field + " is not hex");
        }
    }
}
