package io.mmplatform.common.injective;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal proto3 binary writer. Scalar writers skip the proto3 default (empty string/bytes, zero), so output matches
 * what protoc/gogoproto emit; {@link #message} always writes because gogoproto writes non-nullable sub-messages even
 * when empty. Fields must be written in ascending field-number order (repeated fields may repeat a number): the
 * signature covers these exact bytes, so an out-of-order write is a bug, not a style issue.
 */
public final class ProtoWriter {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int lastField;

    public ProtoWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            bytesAlways(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A string written even when empty; for gogoproto non-nullable custom types (Dec, Int) that are never skipped. */
    public ProtoWriter stringAlways(int field, String value) {
        return bytesAlways(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter bytes(int field, byte[] value) {
        if (value != null && value.length > 0) {
            bytesAlways(field, value);
        }
        return this;
    }

    /** An embedded message, written even when its encoding is empty. */
    public ProtoWriter message(int field, byte[] encoded) {
        return bytesAlways(field, encoded);
    }

    /** uint64: the long is read as unsigned, so values above Long.MAX_VALUE arrive as negative longs. */
    public ProtoWriter uint64(int field, long value) {
        if (value != 0) {
            tag(field, WIRE_VARINT);
            varint(value);
        }
        return this;
    }

    public ProtoWriter int64(int field, long value) {
        return uint64(field, value); // two's complement: a negative int64 is a 10-byte varint
    }

    public ProtoWriter int32(int field, int value) {
        return uint64(field, value); // sign-extended to 64 bits, as the spec requires for negative int32/enum
    }

    public ProtoWriter enumValue(int field, int value) {
        return int32(field, value);
    }

    public ProtoWriter bool(int field, boolean value) {
        return uint64(field, value ? 1 : 0);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private ProtoWriter bytesAlways(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    private void tag(int field, int wireType) {
        if (field < 1 || field > 536_870_911) {
            throw new IllegalArgumentException("invalid proto field number " + field);
        }
        if (field < lastField) {
            throw new IllegalStateException("proto field " + field + " written after field " + lastField
                    + ": fields must be written in ascending order");
        }
        lastField = field;
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
