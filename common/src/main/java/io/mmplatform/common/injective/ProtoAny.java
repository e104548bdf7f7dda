package io.mmplatform.common.injective;

import java.util.Arrays;

/** {@code google.protobuf.Any {1 type_url, 2 value}}. */
public record ProtoAny(String typeUrl, byte[] value) {

    public ProtoAny {
        if (typeUrl == null || typeUrl.isEmpty()) {
            throw new IllegalArgumentException("Any type_url is required");
        }
        value = value == null ? new byte[0] : value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] encode() {
        return new ProtoWriter().string(1, typeUrl).bytes(2, value).toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProtoAny any && typeUrl.equals(any.typeUrl) && Arrays.equals(value, any.value);
    }

    @Override
    public int hashCode() {
        return 31 * typeUrl.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ProtoAny[" + typeUrl + ", " + value.length + " bytes]";
    }
}
