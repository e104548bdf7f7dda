package io.mmplatform.execution.domain.injective;

import io.mmplatform.execution.domain.LiveOrder;

/**
 * A live order to cancel, named the way the chain accepts: by its order hash ({@code 0x} + 64 hex digits, known once
 * the chain has answered the placement) or by its cid (always known: it comes from our cloid). Exactly one is set.
 */
public record InjectiveCancel(String cloid, String orderHash, String cid) {
    public InjectiveCancel {
        if ((orderHash == null) == (cid == null)) {
            throw new IllegalArgumentException("a cancel names exactly one of order hash and cid");
        }
        if (orderHash != null) {
            if (!orderHash.matches("0x[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("order hash must be 0x + 64 hex digits: " + orderHash);
            }
            orderHash = orderHash.toLowerCase();
        }
        if (cid != null && (cid.isEmpty() || cid.length() > InjectiveCids.MAX_CID_LENGTH)) {
            throw new IllegalArgumentException("cid must be 1.." + InjectiveCids.MAX_CID_LENGTH + " characters: " + cid);
        }
    }

    public static InjectiveCancel byHash(String cloid, String orderHash) {
        return new InjectiveCancel(cloid, orderHash, null);
    }

    public static InjectiveCancel byCid(String cloid, String cid) {
        return new InjectiveCancel(cloid, null, cid);
    }

    /** By hash when the chain has told us the order's hash, else by the cid derived from its cloid. */
    public static InjectiveCancel of(LiveOrder order, String orderHashOrNull) {
        return orderHashOrNull != null
                ? byHash(order.cloid(), orderHashOrNull)
                : byCid(order.cloid(), InjectiveCids.fromCloid(order.cloid()));
    }
}
