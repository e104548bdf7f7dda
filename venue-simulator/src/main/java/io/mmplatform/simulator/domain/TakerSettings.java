package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Random outside traders who send IOC orders around the reference.
 *
 * @param ratePerSecond mean arrivals per second per market (Poisson); 0 disables the flow
 * @param minNotional   smallest order notional in USDC
 * @param maxNotional   largest order notional in USDC
 * @param bandBps       a buy is limited at reference x (1 + u), a sell at reference x (1 - u), u uniform in 0..band
 * @param accounts      number of distinct taker accounts
 */
public record TakerSettings(BigDecimal ratePerSecond, BigDecimal minNotional, BigDecimal maxNotional,
                            BigDecimal bandBps, int accounts) {
    public TakerSettings {
        Objects.requireNonNull(ratePerSecond, "ratePerSecond");
        Objects.requireNonNull(minNotional, "minNotional");
        Objects.requireNonNull(maxNotional, "maxNotional");
        Objects.requireNonNull(bandBps, "bandBps");
        if (ratePerSecond.signum() < 0) {
            throw new IllegalArgumentException("taker rate must not be negative");
        }
        if (minNotional.signum() <= 0 || maxNotional.compareTo(minNotional) < 0) {
            throw new IllegalArgumentException("taker notional range must be positive with min <= max");
        }
        if (bandBps.signum() < 0) {
            throw new IllegalArgumentException("taker band must not be negative");
        }
        if (accounts <= 0 || accounts > 0xffff) {
            throw new IllegalArgumentException("taker accounts must be within 1..65535");
        }
    }

    public static TakerSettings defaults() {
        return new TakerSettings(BigDecimal.ONE, new BigDecimal("20"), new BigDecimal("2000"), new BigDecimal("30"), 8);
    }
}
