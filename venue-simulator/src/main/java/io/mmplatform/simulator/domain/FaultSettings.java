package io.mmplatform.simulator.domain;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the simulator does wrong on purpose (all off by default).
 *
 * @param latencyMs             added to every /info and /exchange answer
 * @param jitterMs              a further uniform 0..jitterMs (seeded) added to every answer
 * @param rejectRate            fraction of orders in {@code order} actions answered with an error and not applied
 * @param lostAnswerRate        fraction of /exchange requests applied but answered by closing the connection
 * @param burst429EverySeconds  every N seconds (0 = never) a 429 burst starts
 * @param burst429DurationMs    how long each burst lasts
 * @param paused                /exchange refuses everything ("Venue is paused"); resting orders stay
 * @param wsDropEverySeconds    every N seconds (0 = never) every WebSocket connection is dropped
 * @param hermesFrozenCoins     coins whose Pyth Hermes prices stop (the stream sends none and latest answers the
 *                              price from when the freeze began): a frozen reference source
 */
public record FaultSettings(long latencyMs, long jitterMs, double rejectRate, double lostAnswerRate,
                            long burst429EverySeconds, long burst429DurationMs, boolean paused,
                            long wsDropEverySeconds, Set<String> hermesFrozenCoins) {
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, false, 0);

    public FaultSettings(long latencyMs, long jitterMs, double rejectRate, double lostAnswerRate,
                         long burst429EverySeconds, long burst429DurationMs, boolean paused, long wsDropEverySeconds) {
        this(latencyMs, jitterMs, rejectRate, lostAnswerRate, burst429EverySeconds, burst429DurationMs, paused,
                wsDropEverySeconds, Set.of());
    }

    public FaultSettings {
        hermesFrozenCoins = hermesFrozenCoins == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(hermesFrozenCoins));
        String error = check(latencyMs, jitterMs, rejectRate, lostAnswerRate, burst429EverySeconds, burst429DurationMs,
                wsDropEverySeconds);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /** Null when the values are valid, else a message starting with the offending field's name. */
    public static String check(long latencyMs, long jitterMs, double rejectRate, double lostAnswerRate,
                               long burst429EverySeconds, long burst429DurationMs, long wsDropEverySeconds) {
        if (latencyMs < 0 || latencyMs > 600_000) {
            return "latencyMs must be within 0..600000, got " + latencyMs;
        }
        if (jitterMs < 0 || jitterMs > 600_000) {
            return "jitterMs must be within 0..600000, got " + jitterMs;
        }
        if (!(rejectRate >= 0 && rejectRate <= 1)) {
            return "rejectRate must be within 0..1, got " + rejectRate;
        }
        if (!(lostAnswerRate >= 0 && lostAnswerRate <= 1)) {
            return "lostAnswerRate must be within 0..1, got " + lostAnswerRate;
        }
        if (burst429EverySeconds < 0) {
            return "burst429EverySeconds must not be negative, got " + burst429EverySeconds;
        }
        if (burst429DurationMs < 0) {
            return "burst429DurationMs must not be negative, got " + burst429DurationMs;
        }
        if (wsDropEverySeconds < 0) {
            return "wsDropEverySeconds must not be negative, got " + wsDropEverySeconds;
        }
        return null;
    }
}
