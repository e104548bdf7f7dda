package io.mmplatform.common.injective;

/** {@code cosmos.base.v1beta1.Coin {1 denom, 2 amount}}: amount is an integer in the denom's base unit (chain format). */
public record Coin(String denom, String amount) {

    public Coin {
        if (denom == null || denom.isEmpty()) {
            throw new IllegalArgumentException("coin denom is required");
        }
        if (amount == null || !amount.matches("0|[1-9][0-9]*")) {
            throw new IllegalArgumentException("coin amount must be a non-negative integer string, got " + amount);
        }
    }

    public byte[] encode() {
        // amount is a gogoproto non-nullable math.Int: always on the wire, "0" included
        return new ProtoWriter().string(1, denom).stringAlways(2, amount).toByteArray();
    }
}
