package io.mmplatform.common.injective;

import java.util.ArrayList;
import java.util.List;

/** {@code cosmos.tx.v1beta1.TxRaw {1 body_bytes, 2 auth_info_bytes, 3 signatures}}: what is broadcast. */
public final class TxRaw {
    private final byte[] bodyBytes;
    private final byte[] authInfoBytes;
    private final List<byte[]> signatures;

    public TxRaw(byte[] bodyBytes, byte[] authInfoBytes, List<byte[]> signatures) {
        this.bodyBytes = bodyBytes.clone();
        this.authInfoBytes = authInfoBytes.clone();
        this.signatures = new ArrayList<>();
        for (byte[] signature : signatures) {
            this.signatures.add(signature.clone());
        }
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter().bytes(1, bodyBytes).bytes(2, authInfoBytes);
        for (byte[] signature : signatures) {
            w.message(3, signature); // repeated bytes: every element is written, even an empty one
        }
        return w.toByteArray();
    }
}
