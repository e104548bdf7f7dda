package io.mmplatform.common.injective;

import java.util.List;

/** {@code cosmos.tx.v1beta1.Fee {1 amount, 2 gas_limit, 3 payer, 4 granter}}; payer and granter may be null. */
public record Fee(List<Coin> amount, long gasLimit, String payer, String granter) {

    public Fee {
        amount = List.copyOf(amount == null ? List.of() : amount);
        if (gasLimit <= 0) {
            throw new IllegalArgumentException("gas limit must be positive, got " + gasLimit);
        }
    }

    public Fee(List<Coin> amount, long gasLimit) {
        this(amount, gasLimit, null, null);
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        for (Coin coin : amount) {
            w.message(1, coin.encode());
        }
        return w.uint64(2, gasLimit).string(3, payer).string(4, granter).toByteArray();
    }
}
