package io.mmplatform.execution.domain;

import java.util.function.LongSupplier;

/**
 * Nonces for one signer that survive restarts: millisecond timestamps, strictly increasing, never reused. The
 * highest nonce that may have been used is persisted ahead of use as a high-water mark ({@code reserveMs} beyond the
 * nonce that crossed it, so a write happens at most once per reserve window); after a restart the first nonce is
 * {@code max(now, mark + 1)}: above any nonce the previous run signed, even one whose request was lost.
 *
 * <p>The venue (Hyperliquid) keeps each signer's 100 highest nonces; a new one must exceed the smallest of them, must
 * not repeat, and must lie within (venue time - 2 days, venue time + 1 day). Nonces that follow the clock stay inside
 * that window; a mark more than a day ahead of the clock (a clock that jumped back) would put every nonce outside it,
 * so it is refused rather than used. Not thread-safe: one wallet, one writer.
 */
public final class NonceManager {
    /** The venue refuses nonces more than a day ahead of its clock. */
    public static final long MAX_AHEAD_MS = 24 * 3600 * 1000L;

    /** Persists the high-water mark; must not return before it is durable. */
    @FunctionalInterface
    public interface Store {
        void reserve(long upTo);
    }

    private final LongSupplier clockMillis;
    private final Store store;
    private final long reserveMs;
    private long last;
    private long reserved;

    /**
     * @param persisted the mark persisted by an earlier run, or {@link Long#MIN_VALUE} if none
     */
    public NonceManager(long persisted, LongSupplier clockMillis, Store store, long reserveMs) {
        if (reserveMs < 0) {
            throw new IllegalArgumentException("reserve must be >= 0, got " + reserveMs);
        }
        this.clockMillis = clockMillis;
        this.store = store;
        this.reserveMs = reserveMs;
        this.last = Long.MIN_VALUE;
        this.reserved = Long.MIN_VALUE;
        advancePast(persisted);
    }

    /**
     * Moves past a mark persisted elsewhere (e.g. by the previous owner of the wallet sharing the state directory):
     * every later nonce is above it.
     */
    public void advancePast(long persisted) {
        if (persisted == Long.MIN_VALUE) {
            return;
        }
        long now = clockMillis.getAsLong();
        if (persisted + 1 > now + MAX_AHEAD_MS) {
            throw new IllegalStateException("persisted nonce mark " + persisted + " is more than a day ahead of the clock ("
                    + now + "): the venue would refuse every nonce; check the clock");
        }
        last = Math.max(last, persisted);
        reserved = Math.max(reserved, persisted);
    }

    /** The next nonce: {@code max(now, last + 1)}, persisted (as part of a reserve) before it is returned. */
    public long next() {
        long now = clockMillis.getAsLong();
        long n = last == Long.MIN_VALUE ? now : Math.max(now, last + 1);
        if (n > now + MAX_AHEAD_MS) {
            throw new IllegalStateException("nonce " + n + " would be more than a day ahead of the clock (" + now + ")");
        }
        if (n > reserved) {
            long mark = n + reserveMs;
            store.reserve(mark);
            reserved = mark;
        }
        last = n;
        return n;
    }

    /** The last nonce handed out (or the persisted mark before the first), {@link Long#MIN_VALUE} if neither. */
    public long last() {
        return last;
    }
}
