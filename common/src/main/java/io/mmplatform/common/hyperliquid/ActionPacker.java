package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes a Jackson tree as MessagePack the way the venue's reference client does ({@code msgpack.packb(action)}):
 * maps keep their insertion order, integers take the smallest representation (positive as fixint/uint*, negative as
 * negative fixint/int*), text as str, booleans, null as nil. Floating-point numbers are rejected: the venue sends
 * prices and sizes as strings, so a float in an action is a bug that would silently change the hash.
 */
public final class ActionPacker {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** MessagePack bytes of the tree. IllegalArgumentException naming the JSON path of an unsupported value. */
    public static byte[] pack(JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("cannot msgpack a missing (null) tree");
        }
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, node, "$");
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack encoding failed", e);
        }
    }

    private static void write(MessagePacker packer, JsonNode node, String path) throws IOException {
        if (node.isObject()) {
            packer.packMapHeader(node.size());
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                packer.packString(field.getKey());
                write(packer, field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            packer.packArrayHeader(node.size());
            for (int i = 0; i < node.size(); i++) {
                write(packer, node.get(i), path + "[" + i + "]");
            }
        } else if (node.isTextual()) {
            packer.packString(node.textValue());
        } else if (node.isBoolean()) {
            packer.packBoolean(node.booleanValue());
        } else if (node.isNull()) {
            packer.packNil();
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                packer.packLong(node.longValue()); // msgpack-core picks the smallest format, like Python msgpack
            } else {
                BigInteger value = node.bigIntegerValue();
                if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
                    throw new IllegalArgumentException("integer at " + path + " does not fit in 64 bits: " + value);
                }
                packer.packBigInteger(value);
            }
        } else if (node.isNumber()) {
            throw new IllegalArgumentException("floating-point number at " + path + " (" + node.asText()
                    + "): the venue hashes prices and sizes as strings (use HyperliquidWire.decimalToWire)");
        } else {
            throw new IllegalArgumentException("unsupported JSON node at " + path + ": " + node.getNodeType());
        }
    }

    private ActionPacker() {
    }
}
