package io.mmplatform.risk.domain;

import io.mmplatform.common.Decimals;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.util.Optional;

/** The limits themselves: pure checks, one breach (the first found) or none. */
public final class RiskLimits {
    public static final String MAX_DEVIATION = "max-deviation-bps";
    public static final String MAX_POSITION = "max-position";
    public static final String REFERENCE_STALENESS = "reference-staleness";

    private final RiskSettings settings;

    public RiskLimits(RiskSettings settings) {
        this.settings = settings;
    }

    public RiskSettings settings() {
        return settings;
    }

    /**
     * Every order of the intent must lie within the deviation limits of the reference: a bid above
     * reference x (1 + x) or an ask below reference x (1 - x) (x = maxDeviationBps), or a bid below / an ask above it
     * by more than maxPassiveDeviationBps, is a breach of the wallet's scope.
     */
    public Optional<Breach> checkIntent(QuoteIntent intent, BigDecimal reference) {
        if (reference == null || reference.signum() <= 0) {
            return Optional.empty();
        }
        for (DesiredOrder order : intent.orders()) {
            BigDecimal bps = Decimals.diffBps(order.price(), reference);
            boolean adverse = order.side() == Side.BUY ? bps.signum() > 0 : bps.signum() < 0;
            BigDecimal max = adverse ? settings.maxDeviationBps() : settings.maxPassiveDeviationBps();
            if (bps.abs().compareTo(max) > 0) {
                String where;
                if (adverse) {
                    where = order.side() == Side.BUY ? "bid above the reference" : "ask below the reference";
                } else {
                    where = "too far from the reference";
                }
                String reason = String.format("%s: %s %s %s %s at %s is %s, %s bps from reference %s (limit %s bps)",
                        MAX_DEVIATION, intent.walletId(), intent.market(), order.side(), order.levelId(),
                        Decimals.plain(order.price()), where, bps.abs().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                        Decimals.plain(reference), Decimals.plain(max));
                return Optional.of(new Breach("wallet:" + intent.walletId(), MAX_DEVIATION, reason));
            }
        }
        return Optional.empty();
    }

    /** |size| above the market's limit is a breach of the wallet's scope. */
    public Optional<Breach> checkPosition(PositionUpdate position) {
        Optional<BigDecimal> limit = settings.maxPositionOf(position.market());
        if (limit.isEmpty() || position.size().abs().compareTo(limit.get()) <= 0) {
            return Optional.empty();
        }
        String reason = String.format("%s: %s %s position %s exceeds the limit %s", MAX_POSITION, position.walletId(),
                position.market(), Decimals.plain(position.size()), Decimals.plain(limit.get()));
        return Optional.of(new Breach("wallet:" + position.walletId(), MAX_POSITION, reason));
    }

    /**
     * While intents with orders flow for markets priced from an instrument (the last within the stale window), its
     * reference must not be older than the window; a breach is of {@code market:<instrument>}, which covers every
     * such market on every venue. lastReferenceMs null = no reference seen since sinceMs (start-up).
     */
    public Optional<Breach> checkStaleness(String instrument, Long lastReferenceMs, Long lastQuotingIntentMs,
                                           long sinceMs, long nowMs) {
        long window = settings.referenceStaleMs();
        if (lastQuotingIntentMs == null || nowMs - lastQuotingIntentMs > window) {
            return Optional.empty();
        }
        long since = lastReferenceMs == null ? sinceMs : lastReferenceMs;
        long age = nowMs - since;
        if (age <= window) {
            return Optional.empty();
        }
        String reason = String.format("%s: no reference for %s for %d ms while intents flow (limit %d ms)",
                REFERENCE_STALENESS, instrument, age, window);
        return Optional.of(new Breach(KillScope.market(instrument).toString(), REFERENCE_STALENESS, reason));
    }
}
