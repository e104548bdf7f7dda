package io.mmplatform.common.injective;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test-side proto3 decoder: field number -> values in wire order (Long for varints, byte[] for length-delimited). */
final class ProtoReader {
    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();
    private final List<Integer> order = new ArrayList<>();

    private ProtoReader(byte[] data) {
        int[] pos = {0};
        while (pos[0] < data.length) {
            long key = varint(data, pos);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            Object value;
            if (wireType == 0) {
                value = varint(data, pos);
            } else if (wireType == 2) {
                int length = (int) varint(data, pos);
                if (length < 0 || pos[0] + length > data.length) {
                    throw new IllegalArgumentException("length-delimited field " + field + " overruns the buffer");
                }
                byte[] bytes = new byte[length];
                System.arraycopy(data, pos[0], bytes, 0, length);
                pos[0] += length;
                value = bytes;
            } else {
                throw new IllegalArgumentException("unexpected wire type " + wireType + " for field " + field);
            }
            fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
            order.add(field);
        }
    }

    static ProtoReader of(byte[] data) {
        return new ProtoReader(data);
    }

    /** Field numbers in the order they appear on the wire (repeated fields appear several times). */
    List<Integer> wireOrder() {
        return order;
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    int count(int field) {
        return fields.getOrDefault(field, List.of()).size();
    }

    byte[] bytes(int field) {
        return (byte[]) single(field);
    }

    byte[] bytes(int field, int index) {
        return (byte[]) fields.get(field).get(index);
    }

    String string(int field) {
        return new String(bytes(field), StandardCharsets.UTF_8);
    }

    List<String> strings(int field) {
        List<String> out = new ArrayList<>();
        for (Object value : fields.getOrDefault(field, List.of())) {
            out.add(new String((byte[]) value, StandardCharsets.UTF_8));
        }
        return out;
    }

    long varint(int field) {
        return (Long) single(field);
    }

    ProtoReader message(int field) {
        return of(bytes(field));
    }

    ProtoReader message(int field, int index) {
        return of(bytes(field, index));
    }

    /** Asserts that exactly these field numbers are present (catches a value written under a wrong number). */
    ProtoReader assertFields(Integer... expected) {
        assertEquals(List.of(expected), new ArrayList<>(new java.util.TreeSet<>(fields.keySet())), "field numbers");
        return this;
    }

    private Object single(int field) {
        List<Object> values = fields.get(field);
        assertTrue(values != null && values.size() == 1, "expected exactly one value for field " + field
                + ", got " + (values == null ? 0 : values.size()));
        return values.get(0);
    }

    private static long varint(byte[] data, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= data.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            int b = data[pos[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }
}
