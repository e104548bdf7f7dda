package io.mmplatform.execution.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic client order ids in the Hyperliquid cloid format (0x + 32 hex digits): the first 16 bytes of
 * SHA-256 over (wallet, market, intent seq, level). The same intent level always gets the same id, so a retried
 * request cannot create a second order, and any process can tell which intent an order came from.
 */
public final class ClientOrderIds {
    private static final HexFormat HEX = HexFormat.of();

    public static String cloid(String walletId, String market, long intentSeq, String levelId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        // lengths prefix each part so that ("ab","c") and ("a","bc") differ
        String material = walletId.length() + ":" + walletId + "|" + market.length() + ":" + market
                + "|" + intentSeq + "|" + levelId.length() + ":" + levelId;
        byte[] digest = sha.digest(material.getBytes(StandardCharsets.UTF_8));
        byte[] first16 = new byte[16];
        System.arraycopy(digest, 0, first16, 0, 16);
        return "0x" + HEX.formatHex(first16);
    }

    public static boolean isValid(String cloid) {
        return cloid != null && cloid.matches("0x[0-9a-f]{32}");
    }

    private ClientOrderIds() {
    }
}
