package io.mmplatform.execution.domain.injective;

import io.mmplatform.execution.domain.ClientOrderIds;

/**
 * Injective client order ids ({@code cid}, a free string of at most 36 characters) from the platform's cloids
 * ({@code 0x} + 32 hex digits, {@link ClientOrderIds}). The cid is the cloid's 32 hex digits, lowercase, without
 * {@code 0x}: deterministic (a retried batch carries the same cid, so the order can be found and cancelled by cid
 * even when its order hash never came back), reversible without a lookup table ({@link #toCloid}: an order or fill
 * read back from the chain maps to our cloid), the same hex the Hyperliquid cloid carries (one id to grep across
 * venues), and 4 characters under the limit. A UUID form (8-4-4-4-12, exactly 36) would carry the same bits with
 * dashes and no advantage.
 */
public final class InjectiveCids {
    public static final int MAX_CID_LENGTH = 36;

    public static String fromCloid(String cloid) {
        if (!ClientOrderIds.isValid(cloid)) {
            throw new IllegalArgumentException("not a platform cloid (0x + 32 lowercase hex digits): " + cloid);
        }
        return cloid.substring(2);
    }

    /** The platform cloid of a cid this class made; IllegalArgumentException for any other cid (not ours). */
    public static String toCloid(String cid) {
        if (!isOurs(cid)) {
            throw new IllegalArgumentException("not a cid made from a platform cloid: " + cid);
        }
        return "0x" + cid;
    }

    public static boolean isOurs(String cid) {
        return cid != null && cid.matches("[0-9a-f]{32}");
    }

    private InjectiveCids() {
    }
}
