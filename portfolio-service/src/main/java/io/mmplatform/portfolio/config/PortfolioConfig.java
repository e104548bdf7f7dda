package io.mmplatform.portfolio.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** portfolio.* settings. Checked at start-up by {@link #validate()}: a bad value names its key. */
@ConfigMapping(prefix = "portfolio")
public interface PortfolioConfig {

    /** Minimum time between two mark-driven publications of one position (portfolio.mark-publish-interval). */
    @WithDefault("1s")
    Duration markPublishInterval();

    /** Default number of fills GET /api/fills returns (portfolio.fills-default-limit). */
    @WithDefault("100")
    int fillsDefaultLimit();

    /** Largest limit GET /api/fills accepts (portfolio.fills-max-limit). */
    @WithDefault("1000")
    int fillsMaxLimit();

    /** Back-off while a fill cannot be applied (database unreachable): the consumer waits, it never skips a fill. */
    ApplyRetry applyRetry();

    interface ApplyRetry {
        /** portfolio.apply-retry.initial-backoff */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** portfolio.apply-retry.max-backoff */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    default void validate() {
        if (markPublishInterval().isNegative()) {
            throw new IllegalStateException("portfolio.mark-publish-interval must not be negative, got " + markPublishInterval());
        }
        if (fillsMaxLimit() < 1) {
            throw new IllegalStateException("portfolio.fills-max-limit must be at least 1, got " + fillsMaxLimit());
        }
        if (fillsDefaultLimit() < 1 || fillsDefaultLimit() > fillsMaxLimit()) {
            throw new IllegalStateException("portfolio.fills-default-limit must be between 1 and portfolio.fills-max-limit ("
                    + fillsMaxLimit() + "), got " + fillsDefaultLimit());
        }
        if (applyRetry().initialBackoff().isNegative() || applyRetry().initialBackoff().isZero()) {
            throw new IllegalStateException("portfolio.apply-retry.initial-backoff must be positive, got " + applyRetry().initialBackoff());
        }
        if (applyRetry().maxBackoff().compareTo(applyRetry().initialBackoff()) < 0) {
            throw new IllegalStateException("portfolio.apply-retry.max-backoff must be at least portfolio.apply-retry.initial-backoff ("
                    + applyRetry().initialBackoff() + "), got " + applyRetry().maxBackoff());
        }
    }
}
