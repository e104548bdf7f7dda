package io.mmplatform.common.injective;

/**
 * {@code cosmos.tx.v1beta1.SignerInfo {1 public_key Any, 2 mode_info, 3 sequence}} with mode_info fixed to
 * {@code {1 single {1 mode = SIGN_MODE_DIRECT}}}.
 */
public record SignerInfo(ProtoAny publicKey, long sequence) {
    static final int SIGN_MODE_DIRECT = 1;

    public SignerInfo {
        if (publicKey == null) {
            throw new IllegalArgumentException("signer public key is required");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }

    public byte[] encode() {
        byte[] single = new ProtoWriter().enumValue(1, SIGN_MODE_DIRECT).toByteArray();
        byte[] modeInfo = new ProtoWriter().message(1, single).toByteArray();
        return new ProtoWriter()
                .message(1, publicKey.encode())
                .message(2, modeInfo)
                .uint64(3, sequence)
                .toByteArray();
    }
}
