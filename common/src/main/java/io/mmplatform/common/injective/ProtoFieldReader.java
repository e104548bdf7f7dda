package io.mmplatform.common.injective;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal proto3 binary reader for decoding what {@link ProtoWriter} (or the chain) encodes: field number -> values
 * in wire order (Long for varints, byte[] for length-delimited). Fixed32/64 fields are skipped; groups are refused.
 * Malformed input (truncated varint, overrunning length) fails with IllegalArgumentException.
 */
final class ProtoFieldReader {
    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    private ProtoFieldReader(byte[] data) {
        int[] pos = {0};
        while (pos[0] < data.length) {
            long key = varint(data, pos);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            if (field < 1) {
                throw new IllegalArgumentException("invalid proto field number " + field);
            }
            Object value;
            switch (wireType) {
                case 0 -> value = varint(data, pos);
                case 2 -> {
                    long length = varint(data, pos);
                    if (length < 0 || length > data.length - pos[0]) {
                        throw new IllegalArgumentException("length-delimited field " + field + " overruns the buffer");
                    }
                    byte[] bytes = new byte[(int) length];
                    System.arraycopy(data, pos[0], bytes, 0, (int) length);
                    pos[0] += (int) length;
                    value = bytes;
                }
                case 1 -> {
                    skip(data, pos, 8, field);
                    continue;
                }
                case 5 -> {
                    skip(data, pos, 4, field);
                    continue;
                }
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " for field " + field);
            }
            fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }
    }

    static ProtoFieldReader of(byte[] data) {
        return new ProtoFieldReader(data == null ? new byte[0] : data);
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    /** The last value of a length-delimited field (proto3: last one wins), or an empty array when absent. */
    byte[] bytes(int field) {
        List<Object> values = fields.get(field);
        if (values == null) {
            return new byte[0];
        }
        Object last = values.get(values.size() - 1);
        if (!(last instanceof byte[] b)) {
            throw new IllegalArgumentException("field " + field + " is not length-delimited");
        }
        return b;
    }

    List<byte[]> repeatedBytes(int field) {
        List<byte[]> out = new ArrayList<>();
        for (Object v : fields.getOrDefault(field, List.of())) {
            if (!(v instanceof byte[] b)) {
                throw new IllegalArgumentException("field " + field + " is not length-delimited");
            }
            out.add(b);
        }
        return out;
    }

    /** A string field; the empty string when absent (the proto3 default). */
    String string(int field) {
        return new String(bytes(field), StandardCharsets.UTF_8);
    }

    List<String> strings(int field) {
        List<String> out = new ArrayList<>();
        for (byte[] b : repeatedBytes(field)) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A varint field; 0 when absent. */
    long varint(int field) {
        List<Object> values = fields.get(field);
        if (values == null) {
            return 0;
        }
        Object last = values.get(values.size() - 1);
        if (!(last instanceof Long l)) {
            throw new IllegalArgumentException("field " + field + " is not a varint");
        }
        return l;
    }

    ProtoFieldReader message(int field) {
        return of(bytes(field));
    }

    List<ProtoFieldReader> messages(int field) {
        List<ProtoFieldReader> out = new ArrayList<>();
        for (byte[] b : repeatedBytes(field)) {
            out.add(of(b));
        }
        return out;
    }

    private static void skip(byte[] data, int[] pos, int n, int field) {
        if (n > data.length - pos[0]) {
            throw new IllegalArgumentException("fixed field " + field + " overruns the buffer");
        }
        pos[0] += n;
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
