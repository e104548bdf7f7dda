package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The venue's request weights and limits: a token bucket of REST weight per IP (info and exchange requests
 * together) and an {@link AddressBudget} of actions per address. Thread-safe (one lock).
 * <p>
 * Weights as on Hyperliquid: an /exchange action weighs 1 + floor(batch length / 40); /info {@code l2Book},
 * {@code allMids}, {@code clearinghouseState}, {@code orderStatus}, {@code spotClearinghouseState},
 * {@code exchangeStatus} weigh 2, {@code userRole} 60, every other type 20; {@code userFills},
 * {@code userFillsByTime}, {@code recentTrades}, {@code historicalOrders} add 1 per 20 items returned.
 */
public final class RateLimits {
    private static final Set<String> LIGHT = Set.of("l2Book", "allMids", "clearinghouseState", "orderStatus",
            "spotClearinghouseState", "exchangeStatus");
    private static final Set<String> PER_ITEMS = Set.of("userFills", "userFillsByTime", "recentTrades",
            "historicalOrders", "fundingHistory", "userFunding");

    private final RateLimitSettings settings;
    private final Map<String, TokenBucket> byIp = new HashMap<>();
    private final Map<String, AddressBudget> byAddress = new HashMap<>();

    public RateLimits(RateLimitSettings settings) {
        this.settings = settings;
    }

    public RateLimitSettings settings() {
        return settings;
    }

    public static long exchangeWeight(int batchLength) {
        return 1 + Math.max(0, batchLength) / 40;
    }

    public static long infoWeight(String type) {
        if (LIGHT.contains(type)) {
            return 2;
        }
        return "userRole".equals(type) ? 60 : 20;
    }

    /** The extra weight of an info answer that returned this many items. */
    public static long infoItemsWeight(String type, int items) {
        return PER_ITEMS.contains(type) ? Math.max(0, items) / 20 : 0;
    }

    /** Takes weight from the IP's bucket; false (nothing taken) when it does not hold that much. */
    public synchronized boolean allowIp(String ip, long weight, long nowMs) {
        return !settings.enabled() || bucket(ip, nowMs).tryTake(weight, nowMs);
    }

    /** Charges weight known only after answering (may leave the IP in debt, refused until refilled). */
    public synchronized void chargeIp(String ip, long weight, long nowMs) {
        if (settings.enabled() && weight > 0) {
            bucket(ip, nowMs).charge(weight, nowMs);
        }
    }

    /** Counts an action of {@code requests} orders/cancels against the address; false when refused. */
    public synchronized boolean allowAddress(String address, long requests, boolean onlyCancels, BigDecimal volume,
                                             long nowMs) {
        if (!settings.enabled()) {
            return true;
        }
        AddressBudget budget = byAddress.computeIfAbsent(address, a -> new AddressBudget(
                settings.addressInitialRequests(), settings.addressRequestsPerUsdc(), settings.addressCancelExtra(),
                settings.addressThrottledEveryMs()));
        long volumeUsdc = volume == null ? 0 : volume.longValue();
        return budget.tryUse(Math.max(1, requests), onlyCancels, volumeUsdc, nowMs);
    }

    private TokenBucket bucket(String ip, long nowMs) {
        return byIp.computeIfAbsent(ip == null ? "" : ip,
                k -> new TokenBucket(settings.ipWeightPerMinute(), 60_000, nowMs));
    }
}
