package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Seeded outside traders. Each market has Poisson arrivals; an arrival is an IOC order from one of the taker
 * accounts, buy or sell with equal chance, limited within the band around the reference, with a uniform notional.
 * Taker accounts have addresses 0x00..00 74616b6572 ("taker" in ASCII) + 4 hex digits of the taker number.
 */
public final class TakerFlow {
    private static final String PREFIX = "0x" + "0".repeat(26) + "74616b6572";

    private final TakerSettings settings;
    private final Random random;
    private final double ratePerMs;
    private final long bandMillionths;
    private final long minMicro;
    private final long maxMicro;

    public TakerFlow(long seed, TakerSettings settings) {
        this.settings = settings;
        this.random = new Random(seed ^ 0x74616b6572L);
        this.ratePerMs = settings.ratePerSecond().doubleValue() / 1000.0;
        this.bandMillionths = settings.bandBps().movePointRight(2).longValue();
        this.minMicro = settings.minNotional().movePointRight(6).longValue();
        this.maxMicro = settings.maxNotional().movePointRight(6).longValue();
    }

    public static String takerAddress(int n) {
        return PREFIX + String.format("%04x", n);
    }

    public static boolean isTaker(String address) {
        return address.startsWith(PREFIX);
    }

    public List<String> addresses() {
        return java.util.stream.IntStream.rangeClosed(1, settings.accounts()).mapToObj(TakerFlow::takerAddress).toList();
    }

    public boolean enabled() {
        return ratePerMs > 0;
    }

    /** Millis until the next arrival in a market (exponential), at least 1; Long.MAX_VALUE when disabled. */
    public long nextGapMs() {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        double u = 1.0 - random.nextDouble();
        return Math.max(1L, Math.round(-Math.log(u) / ratePerMs));
    }

    /**
     * Whether the best opposite price (ticks, 0 = empty book) lies within the band around the reference on the side a
     * taker would gain from: a buyer's best ask not below reference x (1 - band), a seller's best bid not above
     * reference x (1 + band). The other bound is the order's own limit.
     */
    public boolean withinBand(MarketSpec market, long bestOppositeTicks, Side side, long referenceE8) {
        if (bestOppositeTicks == 0) {
            return true;
        }
        long unit = BigDecimal.ONE.movePointRight(8 - market.priceScale()).longValueExact();
        long bestE8 = Math.multiplyExact(bestOppositeTicks, unit);
        long boundE8 = referenceE8 - side.sign() * Math.multiplyExact(referenceE8, bandMillionths) / 1_000_000L;
        return side == Side.BID ? bestE8 >= boundE8 : bestE8 <= boundE8;
    }

    /** A taker order in a market whose reference is referenceE8 (price x 10^8). */
    public OrderRequest arrival(MarketSpec market, long referenceE8) {
        String address = takerAddress(1 + random.nextInt(settings.accounts()));
        Side side = random.nextBoolean() ? Side.BID : Side.ASK;
        long offset = bandMillionths == 0 ? 0 : (long) (random.nextDouble() * (bandMillionths + 1));
        long notional = minMicro + (long) (random.nextDouble() * (maxMicro - minMicro + 1));
        long limitE8 = referenceE8 + side.sign() * Math.multiplyExact(referenceE8, offset) / 1_000_000L;
        long unit = BigDecimal.ONE.movePointRight(8 - market.priceScale()).longValueExact();
        long ticks = side == Side.BID ? limitE8 / unit : (limitE8 + unit - 1) / unit;
        ticks = Math.max(1, ticks);
        long lots = Math.max(1, (notional + ticks - 1) / ticks);
        return new OrderRequest(address, market.name(), side, ticks, lots, Tif.IOC, false, null);
    }
}
