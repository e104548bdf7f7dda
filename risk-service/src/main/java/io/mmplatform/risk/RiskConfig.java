package io.mmplatform.risk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration under {@code risk.*}. */
@ConfigMapping(prefix = "risk")
public interface RiskConfig {

    /** No order of a quote intent may be worse than the latest reference by more than this (bid above, ask below). */
    @WithDefault("150")
    BigDecimal maxDeviationBps();

    /** No order may be farther than this on the passive side (bid below the reference, ask above it). */
    @WithDefault("3000")
    BigDecimal maxPassiveDeviationBps();

    /** Max absolute position size per market (risk.max-position.BTC=0.1). */
    Map<String, BigDecimal> maxPosition();

    /** Limit for markets without their own risk.max-position entry; unset = no limit for them. */
    Optional<BigDecimal> defaultMaxPosition();

    /** No reference for this long while intents flow engages the market's kill. */
    @WithDefault("5s")
    Duration referenceStaleAfter();
}
