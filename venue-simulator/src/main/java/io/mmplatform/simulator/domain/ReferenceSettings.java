package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The reference price process: a random walk with jumps, one step per tick.
 *
 * @param tickIntervalMs  time between two reference updates
 * @param volatilityBps   standard deviation of one step, in bps of the price
 * @param jumpProbability chance of a jump at a step (0..1)
 * @param jumpBps         size of a jump in bps (up or down with equal chance)
 * @param confBps         Pyth confidence interval published with the price, in bps of the price
 */
public record ReferenceSettings(long tickIntervalMs, BigDecimal volatilityBps, BigDecimal jumpProbability,
                                BigDecimal jumpBps, BigDecimal confBps) {
    public ReferenceSettings {
        Objects.requireNonNull(volatilityBps, "volatilityBps");
        Objects.requireNonNull(jumpProbability, "jumpProbability");
        Objects.requireNonNull(jumpBps, "jumpBps");
        Objects.requireNonNull(confBps, "confBps");
        if (tickIntervalMs <= 0) {
            throw new IllegalArgumentException("tick interval must be positive");
        }
        if (volatilityBps.signum() < 0 || jumpBps.signum() < 0 || confBps.signum() < 0) {
            throw new IllegalArgumentException("volatility, jump and confidence must not be negative");
        }
        if (jumpProbability.signum() < 0 || jumpProbability.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("jump probability must be within 0..1");
        }
    }

    public static ReferenceSettings defaults() {
        return new ReferenceSettings(400, new BigDecimal("1.5"), new BigDecimal("0.002"), new BigDecimal("25"),
                new BigDecimal("1"));
    }
}
