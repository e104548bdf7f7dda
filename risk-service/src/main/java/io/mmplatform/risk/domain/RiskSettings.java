package io.mmplatform.risk.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * @param maxDeviationBps    no order may be worse than the latest reference by more than this (a bid above it, an
 *                           ask below it), in bps
 * @param maxPassiveDeviationBps no order may be farther than this on the passive side (a bid below the reference, an
 *                           ask above it): deep books and a mirror walking a far market need room, a decimal slip not
 * @param maxPosition        max absolute position size per market
 * @param defaultMaxPosition limit for a market without its own entry; empty = unlimited
 * @param referenceStaleMs   a reference older than this while intents flow engages the market's kill; also the
 *                           age beyond which a reference or an intent is not used for the deviation check
 */
public record RiskSettings(BigDecimal maxDeviationBps, BigDecimal maxPassiveDeviationBps, Map<String, BigDecimal> maxPosition,
                           Optional<BigDecimal> defaultMaxPosition, long referenceStaleMs) {
    public RiskSettings {
        if (maxDeviationBps == null || maxDeviationBps.signum() <= 0) {
            throw new IllegalArgumentException("max-deviation-bps must be positive, got " + maxDeviationBps);
        }
        if (maxPassiveDeviationBps == null || maxPassiveDeviationBps.compareTo(maxDeviationBps) < 0) {
            throw new IllegalArgumentException("max-passive-deviation-bps must be at least max-deviation-bps ("
                    + maxDeviationBps + "), got " + maxPassiveDeviationBps);
        }
        maxPosition = Map.copyOf(maxPosition);
        maxPosition.forEach((market, limit) -> {
            if (limit == null || limit.signum() <= 0) {
                throw new IllegalArgumentException("max-position." + market + " must be positive, got " + limit);
            }
        });
        defaultMaxPosition.ifPresent(limit -> {
            if (limit.signum() <= 0) {
                throw new IllegalArgumentException("default-max-position must be positive, got " + limit);
            }
        });
        if (referenceStaleMs <= 0) {
            throw new IllegalArgumentException("reference-stale-after must be positive, got " + referenceStaleMs + " ms");
        }
    }

    public Optional<BigDecimal> maxPositionOf(String market) {
        BigDecimal limit = maxPosition.get(market);
        return limit != null ? Optional.of(limit) : defaultMaxPosition;
    }
}
