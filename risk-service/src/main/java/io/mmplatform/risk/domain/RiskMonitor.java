package io.mmplatform.risk.domain;

import io.mmplatform.common.Instruments;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The risk state: latest references, intent flow, kill states. Turns breaches into kill-switch records, once per
 * scope: a scope already engaged (by us, by an operator, or seen on risk.kill) is not engaged again until released.
 * References are per instrument: a market's is {@link Instruments#referenceOf} it (INJ/USDT-PERP is checked against
 * INJ), and the intent flow that a stale reference would endanger is tracked per instrument too, so a stale INJ
 * engages {@code market:INJ}, which covers every venue's market priced from it.
 * Thread-safe (synchronized).
 */
public final class RiskMonitor {
    public static final String ACTOR = "risk-service";
    /** The actor of the kills engaged because price-feed declared an instrument's data DIVERGED or STALE. */
    public static final String DATA_QUALITY_ACTOR = "risk-data-quality";
    /** The limit name at the start of a data-quality kill's reason. */
    public static final String DATA_QUALITY = "data-quality";

    private final RiskLimits limits;
    private final long startedAtMs;
    /** Instrument -> its latest reference. */
    private final Map<String, ReferencePrice> references = new HashMap<>();
    /** Instrument -> the creation time of the latest intent with orders in a market priced from it. */
    private final Map<String, Long> lastQuotingIntentMs = new HashMap<>();
    /** When intents for an instrument were first seen: its reference is only missing after a window of waiting. */
    private final Map<String, Long> firstQuotingIntentMs = new HashMap<>();
    private final Map<String, KillSwitch> kills = new TreeMap<>();
    /** The latest md.quality event per instrument. */
    private final Map<String, DataQuality> quality = new HashMap<>();

    public RiskMonitor(RiskLimits limits, long startedAtMs) {
        this.limits = limits;
        this.startedAtMs = startedAtMs;
    }

    public synchronized void onReference(ReferencePrice reference) {
        ReferencePrice known = references.get(reference.instrument());
        if (known == null || reference.receiveTimeNanos() >= known.receiveTimeNanos()) {
            references.put(reference.instrument(), reference);
        }
    }

    /** An intent older than the stale window (a replay) is ignored: its reference is gone. */
    public synchronized List<KillSwitch> onIntent(QuoteIntent intent, long nowMs) {
        long window = limits.settings().referenceStaleMs();
        if (nowMs - intent.createdAtMs() > window || intent.orders().isEmpty()) {
            return List.of();
        }
        String instrument = Instruments.referenceOf(intent.market());
        lastQuotingIntentMs.merge(instrument, intent.createdAtMs(), Math::max);
        firstQuotingIntentMs.putIfAbsent(instrument, Math.max(nowMs, startedAtMs));
        ReferencePrice reference = references.get(instrument);
        if (reference == null || nowMs - reference.receiveTimeNanos() / 1_000_000L > window) {
            return List.of(); // no usable reference: the staleness limit speaks instead
        }
        return engage(limits.checkIntent(intent, reference.price()), nowMs);
    }

    public synchronized List<KillSwitch> onPosition(PositionUpdate position, long nowMs) {
        return engage(limits.checkPosition(position), nowMs);
    }

    /**
     * Periodic checks: a stale reference while intents flow engages its instrument's kill ({@code market:INJ}); a
     * staleness kill this service engaged is released once the reference is fresh again (a data-quality pause, not
     * a breach that needs a human).
     */
    public synchronized List<KillSwitch> onTick(long nowMs) {
        List<KillSwitch> out = new ArrayList<>();
        for (Map.Entry<String, Long> flow : lastQuotingIntentMs.entrySet()) {
            ReferencePrice reference = references.get(flow.getKey());
            Long refMs = reference == null ? null : reference.receiveTimeNanos() / 1_000_000L;
            // two windows of grace after start: consumers of a freshly started stack join the group at different times
            long watchingSince = Math.max(firstQuotingIntentMs.getOrDefault(flow.getKey(), startedAtMs),
                    startedAtMs + 2 * limits.settings().referenceStaleMs());
            out.addAll(engage(limits.checkStaleness(flow.getKey(), refMs, flow.getValue(), watchingSince, nowMs), nowMs));
        }
        for (KillSwitch kill : List.copyOf(kills.values())) {
            KillScope scope = KillScope.parse(kill.scope());
            if (kill.state() == KillState.ENGAGED && DATA_QUALITY_ACTOR.equals(kill.actor())
                    && scope.kind() == KillScope.Kind.MARKET) {
                DataQuality latest = quality.get(scope.value());
                if (latest != null && latest.ok()) {
                    out.addAll(releaseDataQualityKill(kill.scope(), latest, nowMs));
                }
                continue;
            }
            boolean ownStalenessKill = kill.state() == KillState.ENGAGED && ACTOR.equals(kill.actor())
                    && scope.kind() == KillScope.Kind.MARKET && kill.reason() != null
                    && kill.reason().startsWith(RiskLimits.REFERENCE_STALENESS);
            // scope.value() is an instrument; one engaged on a market name (by an older version) maps to its instrument
            ReferencePrice reference = ownStalenessKill ? references.get(Instruments.referenceOf(scope.value())) : null;
            if (reference != null && nowMs - reference.receiveTimeNanos() / 1_000_000L <= limits.settings().referenceStaleMs()) {
                KillSwitch release = new KillSwitch(kill.scope(), KillState.RELEASED,
                        RiskLimits.REFERENCE_STALENESS + ": " + scope.value() + " reference fresh again", ACTOR, nowMs);
                kills.put(kill.scope(), release);
                out.add(release);
            }
        }
        return out;
    }

    /**
     * price-feed's data quality of an instrument (md.quality): DIVERGED or STALE engages {@code market:<instrument>}
     * as {@link #DATA_QUALITY_ACTOR} (unless the scope is already engaged, by anyone); OK releases it only when the
     * current kill of that scope was engaged by {@link #DATA_QUALITY_ACTOR}: never an operator's, never another
     * limit's. An event older than the latest one of its instrument is ignored.
     */
    public synchronized List<KillSwitch> onQuality(DataQuality event, long nowMs) {
        DataQuality known = quality.get(event.instrument());
        if (known != null && event.timeMs() < known.timeMs()) {
            return List.of();
        }
        quality.put(event.instrument(), event);
        String scope = KillScope.market(event.instrument()).toString();
        if (!event.ok()) {
            if (isEngaged(scope)) {
                return List.of();
            }
            KillSwitch kill = new KillSwitch(scope, KillState.ENGAGED, DATA_QUALITY + ": " + event.instrument() + " "
                    + event.state() + (event.reason().isBlank() ? "" : ": " + event.reason()), DATA_QUALITY_ACTOR, nowMs);
            kills.put(scope, kill);
            return List.of(kill);
        }
        return releaseDataQualityKill(scope, event, nowMs);
    }

    private List<KillSwitch> releaseDataQualityKill(String scope, DataQuality ok, long nowMs) {
        KillSwitch current = kills.get(scope);
        if (current == null || current.state() != KillState.ENGAGED || !DATA_QUALITY_ACTOR.equals(current.actor())) {
            return List.of();
        }
        KillSwitch release = new KillSwitch(scope, KillState.RELEASED, DATA_QUALITY + ": " + ok.instrument() + " OK"
                + (ok.reason().isBlank() ? "" : ": " + ok.reason()), DATA_QUALITY_ACTOR, nowMs);
        kills.put(scope, release);
        return List.of(release);
    }

    /** The kill state as read from risk.kill (compacted, from the beginning). */
    public synchronized void onKill(KillSwitch kill) {
        kills.put(kill.scope(), kill);
    }

    /**
     * A record this monitor produced could not be published: an engage is forgotten so the next breach tries
     * again; a release puts the engaged state back (same actor) so the next tick tries again.
     */
    public synchronized void publishFailed(KillSwitch kill) {
        if (kill.state() == KillState.RELEASED && kills.get(kill.scope()) == kill) {
            String limit = DATA_QUALITY_ACTOR.equals(kill.actor()) ? DATA_QUALITY : RiskLimits.REFERENCE_STALENESS;
            kills.put(kill.scope(), new KillSwitch(kill.scope(), KillState.ENGAGED, limit + ": release pending",
                    kill.actor(), kill.timeMs()));
        } else {
            kills.remove(kill.scope(), kill);
        }
    }

    public synchronized List<KillSwitch> kills() {
        return List.copyOf(kills.values());
    }

    public synchronized boolean isEngaged(String scope) {
        KillSwitch kill = kills.get(scope);
        return kill != null && kill.state() == KillState.ENGAGED;
    }

    /** The latest reference of an instrument, or of a market's instrument ({@code INJ/USDT} -> INJ's). */
    public synchronized Optional<BigDecimal> reference(String instrumentOrMarket) {
        return Optional.ofNullable(references.get(Instruments.referenceOf(instrumentOrMarket)))
                .map(ReferencePrice::price);
    }

    private List<KillSwitch> engage(Optional<Breach> breach, long nowMs) {
        if (breach.isEmpty()) {
            return List.of();
        }
        String scope = KillScope.parse(breach.get().scope()).toString();
        if (isEngaged(scope)) {
            return List.of();
        }
        KillSwitch kill = new KillSwitch(scope, KillState.ENGAGED, breach.get().reason(), ACTOR, nowMs);
        kills.put(scope, kill); // until risk.kill echoes it back: never twice for one scope
        return List.of(kill);
    }
}
