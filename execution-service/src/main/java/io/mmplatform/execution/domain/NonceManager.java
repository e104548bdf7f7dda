package io.mmplatform.execution.domain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Writes (an fsync each) run on {@code writer}, one at a time. Half-way through a reserve the next one is written
 * in the background, so the caller, the wallet's order path, does not wait for the disk as long as a write takes
 * less than half a reserve; a nonce beyond what is durable waits for its write as before.
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
    private final Executor writer;
    /** The highest mark that is durable. */
    private final AtomicLong durable = new AtomicLong(Long.MIN_VALUE);
    /** The highest mark handed to the writer. */
    private long requested;
    private long last;

    /**
     * @param persisted the mark persisted by an earlier run, or {@link Long#MIN_VALUE} if none
     */
    public NonceManager(long persisted, LongSupplier clockMillis, Store store, long reserveMs) {
        this(persisted, clockMillis, store, reserveMs, Runnable::run);
    }

    /** @param writer runs the store's writes, in order (a single thread) */
    public NonceManager(long persisted, LongSupplier clockMillis, Store store, long reserveMs, Executor writer) {
        if (reserveMs < 0) {
            throw new IllegalArgumentException("reserve must be >= 0, got " + reserveMs);
        }
        this.clockMillis = clockMillis;
        this.store = store;
        this.reserveMs = reserveMs;
        this.writer = writer;
        this.last = Long.MIN_VALUE;
        this.requested = Long.MIN_VALUE;
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
        durable.accumulateAndGet(persisted, Math::max);
        requested = Math.max(requested, persisted);
    }

    /** The next nonce: {@code max(now, last + 1)}, persisted (as part of a reserve) before it is returned. */
    public long next() {
        long now = clockMillis.getAsLong();
        long n = last == Long.MIN_VALUE ? now : Math.max(now, last + 1);
        if (n > now + MAX_AHEAD_MS) {
            throw new IllegalStateException("nonce " + n + " would be more than a day ahead of the clock (" + now + ")");
        }
        if (n > durable.get()) {
            try {
                write(n + reserveMs).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } else if (n > durable.get() - reserveMs / 2 && requested <= durable.get()) {
            write(n + reserveMs); // ahead of need: a failure shows when a nonce needs this mark
        }
        last = n;
        return n;
    }

    private CompletableFuture<Void> write(long mark) {
        requested = Math.max(requested, mark);
        return CompletableFuture.runAsync(() -> {
            store.reserve(mark);
            durable.accumulateAndGet(mark, Math::max);
        }, writer);
    }

    /** The last nonce handed out (or the persisted mark before the first), {@link Long#MIN_VALUE} if neither. */
    public long last() {
        return last;
    }
}
