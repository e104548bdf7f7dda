package io.mmplatform.simulator.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hyperliquid's nonce rules per signer: the highest {@code keep} nonces are kept; a new nonce must not be one of
 * them, must exceed the smallest kept one once {@code keep} are held, and must lie within the venue's window around
 * its clock: not earlier than now - 2 days, not later than now + 1 day. Not thread-safe.
 */
public final class NonceTracker {
    private final int keep;
    private final long pastMs;
    private final long futureMs;
    private final Map<String, TreeSet<Long>> bySigner = new HashMap<>();

    public NonceTracker(int keep, long pastMs, long futureMs) {
        if (keep <= 0 || pastMs <= 0 || futureMs <= 0) {
            throw new IllegalArgumentException("keep and windows must be positive");
        }
        this.keep = keep;
        this.pastMs = pastMs;
        this.futureMs = futureMs;
    }

    /** The venue's rules: 100 kept, 2 days back, 1 day ahead. */
    public NonceTracker() {
        this(100, 2 * 86_400_000L, 86_400_000L);
    }

    /** Accepts and records the nonce, or returns the reason it is refused (then nothing is recorded). */
    public String use(String signer, long nonce, long nowMs) {
        if (nonce < nowMs - pastMs) {
            return "Invalid nonce: " + nonce + " is more than " + pastMs / 3_600_000 + " hours before the venue time "
                    + nowMs;
        }
        if (nonce > nowMs + futureMs) {
            return "Invalid nonce: " + nonce + " is more than " + futureMs / 3_600_000 + " hours after the venue time "
                    + nowMs;
        }
        TreeSet<Long> kept = bySigner.computeIfAbsent(signer, s -> new TreeSet<>());
        if (kept.contains(nonce)) {
            return "Invalid nonce: duplicate nonce " + nonce;
        }
        if (kept.size() >= keep && nonce <= kept.first()) {
            return "Invalid nonce: " + nonce + " is not larger than the smallest of the last " + keep + " nonces ("
                    + kept.first() + ")";
        }
        kept.add(nonce);
        while (kept.size() > keep) {
            kept.pollFirst();
        }
        return null;
    }
}
