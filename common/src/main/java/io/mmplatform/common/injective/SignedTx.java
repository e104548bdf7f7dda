package io.mmplatform.common.injective;

import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed transaction ready for {@code POST /cosmos/tx/v1beta1/txs {"tx_bytes": base64, "mode": ..}}; {@code hash}
 * is what explorers and {@code GET /cosmos/tx/v1beta1/txs/{hash}} use: uppercase hex SHA-256 of the TxRaw bytes.
 */
public record SignedTx(byte[] txBytes, String hash) {

    public SignedTx {
        txBytes = txBytes.clone();
    }

    @Override
    public byte[] txBytes() {
        return txBytes.clone();
    }

    public String txBytesBase64() {
        return Base64.getEncoder().encodeToString(txBytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTx tx && java.util.Arrays.equals(txBytes, tx.txBytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(txBytes);
    }

    @Override
    public String toString() {
        return "SignedTx[" + hash + ", " + txBytes.length + " bytes]";
    }

    static String hashOf(byte[] txBytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(txBytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
