package io.mmplatform.simulator.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hyperliquid's nonce rules per signer: the highest {@code keep} nonces are kept; a new nonce must not be one of
 * them, must exceed the smallest kept one once {@code keep} are held, and must lie within the window around the
 * venue's clock. Not thread-safe.
 */
public final class NonceTracker {
    private final int keep;
    private final long windowMs;
    private final Map<String, TreeSet<Long>> bySigner = new HashMap<>();

    public NonceTracker(int keep, long windowMs) {
        if (keep <= 0 || windowMs <= 0) {
            throw new IllegalArgumentException("keep and window must be positive");
        }
        this.keep = keep;
        this.windowMs = windowMs;
    }

    public NonceTracker() {
        this(100, 86_400_000L);
    }

    /** Accepts and records the nonce, or returns the reason it is refused (then nothing is recorded). */
    public String use(String signer, long nonce, long nowMs) {
        if (nonce < nowMs - windowMs || nonce > nowMs + windowMs) {
            return "Invalid nonce: " + nonce + " is more than one day away from the venue time " + nowMs;
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
