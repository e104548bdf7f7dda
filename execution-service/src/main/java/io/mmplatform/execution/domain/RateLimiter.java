package io.mmplatform.execution.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Client-side rate limiting with the venue's request weights (Hyperliquid "Rate limits and user limits"): one bucket
 * per IP (this process: every /info and /exchange request; exchange weight {@code 1 + floor(batch / 40)}, info weight
 * 2, 20 or 60 by type plus 1 per 20 items returned for userFills-like reads) and one per wallet (address-based: every
 * order or cancel in a batch counts one).
 *
 * <p>Priorities: a cancel always goes (it may push the buckets into debt, which the next orders wait for); orders need
 * a reserve left for cancels; reads (polling) need twice that reserve, so polling never starves orders. After an HTTP
 * 429 nothing but cancels goes until an exponential back-off has passed. Thread-safe (shared by the wallets).
 */
public final class RateLimiter {
    public enum Kind { CANCEL, ORDER, READ }

    /**
     * @param reserveFraction the share of each bucket that only cancels may use (orders), twice that (reads)
     */
    public record Limits(double ipCapacity, double ipPerSecond, double walletCapacity, double walletPerSecond,
                         double reserveFraction, long backoffBaseNanos, long backoffMaxNanos) {
        public Limits {
            if (reserveFraction < 0 || reserveFraction >= 0.5) {
                throw new IllegalArgumentException("reserve fraction must be in [0, 0.5), got " + reserveFraction);
            }
            if (backoffBaseNanos <= 0 || backoffMaxNanos < backoffBaseNanos) {
                throw new IllegalArgumentException("back-off must be positive and max >= base");
            }
        }
    }

    private final Limits limits;
    private final TokenBucket ip;
    private final Map<String, TokenBucket> wallets = new HashMap<>();
    private long blockedUntil = Long.MIN_VALUE;
    private int strikes;
    private long weightUsed;

    public RateLimiter(Limits limits, long nowNanos) {
        this.limits = limits;
        this.ip = new TokenBucket(limits.ipCapacity(), limits.ipPerSecond(), nowNanos);
    }

    /** Weight of an /exchange action whose array (orders, cancels, modifies) has batchLength entries. */
    public static int exchangeWeight(int batchLength) {
        return 1 + Math.max(0, batchLength) / 40;
    }

    /** Weight of an /info request of this type before its answer (see {@link #infoExtraWeight} for after). */
    public static int infoWeight(String type) {
        return switch (type) {
            case "l2Book", "allMids", "clearinghouseState", "orderStatus", "spotClearinghouseState",
                 "exchangeStatus" -> 2;
            case "userRole" -> 60;
            default -> 20;
        };
    }

    /** Additional weight charged for the items an /info answer returned (per 20 items for userFills and the like). */
    public static int infoExtraWeight(String type, int items) {
        return switch (type) {
            case "recentTrades", "historicalOrders", "userFills", "userFillsByTime", "fundingHistory", "userFunding",
                 "nonUserFundingUpdates", "twapHistory", "userTwapSliceFills", "userTwapSliceFillsByTime",
                 "delegatorHistory", "delegatorRewards", "validatorStats" -> items / 20;
            case "candleSnapshot" -> items / 60;
            default -> 0;
        };
    }

    /**
     * Asks to send a request now.
     *
     * @param ipWeight     the request's weight on the IP bucket
     * @param walletWeight its weight on the wallet's bucket (orders/cancels in it; 0 for reads)
     * @return 0 if granted (the weight is taken), otherwise nanos to wait before asking again
     */
    public synchronized long acquire(String walletId, Kind kind, int ipWeight, int walletWeight, long now) {
        TokenBucket wallet = wallets.computeIfAbsent(walletId,
                k -> new TokenBucket(limits.walletCapacity(), limits.walletPerSecond(), now));
        if (kind == Kind.CANCEL) {
            ip.take(ipWeight, now);
            wallet.take(walletWeight, now);
            weightUsed += ipWeight;
            return 0;
        }
        if (now < blockedUntil) {
            return blockedUntil - now;
        }
        double share = kind == Kind.ORDER ? limits.reserveFraction() : 2 * limits.reserveFraction();
        double ipFloor = share * ip.capacity();
        double walletFloor = share * wallet.capacity();
        // reads (wallet weight 0) are limited by the IP bucket only
        long wait = Math.max(ip.nanosUntil(ipWeight, ipFloor, now),
                walletWeight > 0 ? wallet.nanosUntil(walletWeight, walletFloor, now) : 0);
        if (wait > 0) {
            return wait;
        }
        ip.tryTake(ipWeight, ipFloor, now);
        if (walletWeight > 0) {
            wallet.tryTake(walletWeight, walletFloor, now);
        }
        weightUsed += ipWeight;
        return 0;
    }

    /** Weight known only after the answer (items returned): taken unconditionally. */
    public synchronized void charge(int ipWeight, long now) {
        if (ipWeight > 0) {
            ip.take(ipWeight, now);
            weightUsed += ipWeight;
        }
    }

    /** The venue answered 429: nothing but cancels until the back-off (doubling per consecutive 429) has passed. */
    public synchronized long throttled(long now) {
        long backoff = limits.backoffBaseNanos();
        for (int i = 0; i < strikes && backoff < limits.backoffMaxNanos(); i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, limits.backoffMaxNanos());
        strikes++;
        blockedUntil = now + backoff;
        return backoff;
    }

    /** A request went through: the back-off starts from its base again. */
    public synchronized void succeeded() {
        strikes = 0;
    }

    /** Total IP weight taken so far. */
    public synchronized long weightUsed() {
        return weightUsed;
    }
}
