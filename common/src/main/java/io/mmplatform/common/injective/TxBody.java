package io.mmplatform.common.injective;

import java.util.List;

/** {@code cosmos.tx.v1beta1.TxBody {1 messages, 2 memo, 3 timeout_height}}; memo may be null, timeout 0 = none. */
public record TxBody(List<ProtoAny> messages, String memo, long timeoutHeight) {

    public TxBody {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one message");
        }
        if (timeoutHeight < 0) {
            throw new IllegalArgumentException("timeout height must not be negative: " + timeoutHeight);
        }
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        for (ProtoAny message : messages) {
            w.message(1, message.encode());
        }
        return w.string(2, memo).uint64(3, timeoutHeight).toByteArray();
    }
}
