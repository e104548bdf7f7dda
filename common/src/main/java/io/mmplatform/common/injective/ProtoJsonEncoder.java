package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes proto3 JSON (snake_case field names, as {@code injectived tx ... --generate-only} prints them) into proto
 * binary against a hand-written {@link Schema}. Every JSON field must be known to the schema: an unknown field fails
 * with its path instead of being dropped, because a dropped field would sign a different order than the caller meant.
 */
final class ProtoJsonEncoder {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    enum Kind {
        STRING,
        /** cosmos math.LegacyDec: JSON decimal, wire 10^18-scaled integer string, written even when zero. */
        DEC,
        /** cosmos math.Int: JSON integer string, written as-is even when zero. */
        INT,
        UINT64,
        INT64,
        INT32,
        ENUM,
        MESSAGE
    }

    record Field(String name, int number, Kind kind, boolean repeated, Schema message, Map<String, Integer> enumValues) {
    }

    /** A message type: its name (for errors) and its fields. */
    static final class Schema {
        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        Schema(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        Schema field(String fieldName, int number, Kind kind) {
            return add(new Field(fieldName, number, kind, false, null, null));
        }

        Schema repeated(String fieldName, int number, Kind kind) {
            return add(new Field(fieldName, number, kind, true, null, null));
        }

        Schema message(String fieldName, int number, Schema type) {
            return add(new Field(fieldName, number, Kind.MESSAGE, false, type, null));
        }

        Schema repeatedMessage(String fieldName, int number, Schema type) {
            return add(new Field(fieldName, number, Kind.MESSAGE, true, type, null));
        }

        Schema enumField(String fieldName, int number, Map<String, Integer> values) {
            return add(new Field(fieldName, number, Kind.ENUM, false, null, Map.copyOf(values)));
        }

        private Schema add(Field field) {
            for (Field existing : fields.values()) {
                if (existing.number() == field.number()) {
                    throw new IllegalStateException(name + ": field number " + field.number() + " used twice");
                }
            }
            if (fields.putIfAbsent(field.name(), field) != null) {
                throw new IllegalStateException(name + ": field " + field.name() + " declared twice");
            }
            return this;
        }

        private List<Field> byNumber() {
            List<Field> sorted = new ArrayList<>(fields.values());
            sorted.sort(Comparator.comparingInt(Field::number));
            return sorted;
        }
    }

    /** @param ignored a top-level key that is not a field (the Any's {@code @type}), or null */
    static byte[] encode(Schema schema, JsonNode node, String path, String ignored) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": " + schema.name() + " must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals(ignored) && !schema.fields.containsKey(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' at " + path + " in " + schema.name()
                        + " (known fields: " + String.join(", ", schema.fields.keySet()) + "; names are snake_case)");
            }
        }
        ProtoWriter w = new ProtoWriter();
        for (Field field : schema.byNumber()) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            String fieldPath = path + "." + field.name();
            if (field.repeated()) {
                if (!value.isArray()) {
                    throw new IllegalArgumentException(fieldPath + " must be a JSON array");
                }
                for (int i = 0; i < value.size(); i++) {
                    write(w, field, value.get(i), fieldPath + "[" + i + "]");
                }
            } else {
                write(w, field, value, fieldPath);
            }
        }
        return w.toByteArray();
    }

    private static void write(ProtoWriter w, Field field, JsonNode value, String path) {
        switch (field.kind()) {
            case STRING -> w.string(field.number(), text(value, path));
            case DEC -> w.stringAlways(field.number(), decimal(value, path));
            case INT -> {
                String text = text(value, path);
                if (!text.matches("-?(0|[1-9][0-9]*)")) {
                    throw new IllegalArgumentException(path + " must be an integer string, got " + text);
                }
                w.stringAlways(field.number(), text);
            }
            case UINT64 -> w.uint64(field.number(), integer(value, path, BigInteger.ZERO, UINT64_MAX).longValue());
            case INT64 -> w.int64(field.number(), integer(value, path,
                    BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValue());
            case INT32 -> w.int32(field.number(), integer(value, path,
                    BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)).intValue());
            case ENUM -> w.enumValue(field.number(), enumValue(field, value, path));
            case MESSAGE -> w.message(field.number(), encode(field.message(), value, path, null));
            default -> throw new IllegalStateException("unhandled kind " + field.kind());
        }
    }

    private static String text(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + " must be a JSON string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    private static String decimal(JsonNode value, String path) {
        if (!value.isTextual()) {
            // a JSON number may already have been through a double; decimals travel as strings in proto3 JSON
            throw new IllegalArgumentException(path + " must be a decimal string, got " + value.getNodeType());
        }
        try {
            return LegacyDec.toWire(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    /** proto3 JSON writes 64-bit integers as strings and smaller ones as numbers; both are accepted. */
    private static BigInteger integer(JsonNode value, String path, BigInteger min, BigInteger max) {
        BigInteger parsed;
        if (value.isIntegralNumber()) {
            parsed = value.bigIntegerValue();
        } else if (value.isTextual() && value.textValue().matches("-?[0-9]+")) {
            parsed = new BigInteger(value.textValue());
        } else {
            throw new IllegalArgumentException(path + " must be an integer, got " + value);
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new IllegalArgumentException(path + " is out of range: " + parsed);
        }
        return parsed;
    }

    /** proto3 JSON enums are names; numbers are accepted too, but only the declared ones. */
    private static int enumValue(Field field, JsonNode value, String path) {
        if (value.isTextual()) {
            Integer number = field.enumValues().get(value.textValue());
            if (number == null) {
                throw new IllegalArgumentException(path + ": unknown enum value '" + value.textValue() + "' (known: "
                        + String.join(", ", new TreeSet<>(field.enumValues().keySet())) + ")");
            }
            return number;
        }
        int number = integer(value, path, BigInteger.ZERO, BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        if (!field.enumValues().containsValue(number)) {
            throw new IllegalArgumentException(path + ": unknown enum number " + number);
        }
        return number;
    }

    private ProtoJsonEncoder() {
    }
}
