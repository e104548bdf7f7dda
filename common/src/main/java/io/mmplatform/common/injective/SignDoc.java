package io.mmplatform.common.injective;

/** {@code cosmos.tx.v1beta1.SignDoc {1 body_bytes, 2 auth_info_bytes, 3 chain_id, 4 account_number}}. */
public final class SignDoc {
    private final byte[] bodyBytes;
    private final byte[] authInfoBytes;
    private final String chainId;
    private final long accountNumber;

    public SignDoc(byte[] bodyBytes, byte[] authInfoBytes, String chainId, long accountNumber) {
        if (chainId == null || chainId.isEmpty()) {
            throw new IllegalArgumentException("chain id is required");
        }
        if (accountNumber < 0) {
            throw new IllegalArgumentException("account number must not be negative: " + accountNumber);
        }
        this.bodyBytes = bodyBytes.clone();
        this.authInfoBytes = authInfoBytes.clone();
        this.chainId = chainId;
        this.accountNumber = accountNumber;
    }

    public byte[] encode() {
        return new ProtoWriter()
                .bytes(1, bodyBytes)
                .bytes(2, authInfoBytes)
                .string(3, chainId)
                .uint64(4, accountNumber)
                .toByteArray();
    }
}
