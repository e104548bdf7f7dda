package io.mmplatform.execution.domain;

import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cosmos account sequence of one Injective wallet. A transaction signs its sequence; the chain accepts exactly
 * the next one, so transactions go one at a time (one in-flight pipeline per wallet): {@link #next()} hands out the
 * local value, and the caller reports how the broadcast ended.
 *
 * <ul>
 *   <li>{@link #accepted} (CheckTx code 0): the sequence is consumed, the local value moves past it.</li>
 *   <li>{@link #rejected} with code 32 and raw_log {@code account sequence mismatch, expected X, got Y: incorrect
 *       account sequence}: the chain's own word, the local value becomes X. A raw_log that does not parse exactly (or
 *       whose Y is not the sequence sent) marks the account for a re-fetch.</li>
 *   <li>{@link #rejected} with any other code: the tx failed CheckTx, which changes no state, so its sequence is still
 *       free and is handed out again.</li>
 *   <li>{@link #outcomeUnknown} (timeout, connection lost): the tx may or may not be in the mempool; the account is
 *       re-fetched before the next one.</li>
 * </ul>
 *
 * <p>The account ({@code GET /cosmos/auth/v1beta1/accounts/{address}}) is fetched at start, after an unknown outcome or
 * an unparseable mismatch, and proactively every {@value #REFRESH_INTERVAL_MS} ms ({@link #refreshDue()}). The REST
 * value is the committed state and may lag the mempool by the txs not yet in a block, so a routine re-fetch only
 * raises the local value (it catches another signer using the wallet); a re-fetch after an unparseable mismatch
 * replaces it, but never below the last accepted + 1. Should a lagging fetch after an unknown outcome hand out a
 * sequence the mempool already holds, the chain answers code 32 with the exact value.
 *
 * <p>Invariants: at most one sequence in flight; a sequence reported accepted is never handed out again; the local
 * value never exceeds what the chain told us (accepted + 1, X, or a fetched value), so no sequence is skipped.
 * {@code breakerThreshold} consecutive errors (rejections, unknown outcomes, failed fetches; an accepted tx resets the
 * count) make {@link #breakerShouldOpen()} true: the caller opens the wallet's {@link CircuitBreaker}. Times come from
 * the injected clock. Methods are synchronized so a broadcast callback on another thread is safe.
 */
public final class InjectiveSequenceManager {
    public static final long REFRESH_INTERVAL_MS = 30_000;
    /** sdkerrors.ErrWrongSequence. */
    public static final int WRONG_SEQUENCE_CODE = 32;
    private static final Pattern MISMATCH = Pattern.compile(
            "account sequence mismatch, expected ([0-9]{1,19}), got ([0-9]{1,19}): incorrect account sequence");

    public enum Status {
        /** The account must be (re-)fetched before the next transaction. */
        NEEDS_FETCH,
        /** {@link #next()} may hand out a sequence. */
        READY,
        /** A transaction is out; its outcome must be reported first. */
        IN_FLIGHT
    }

    private final LongSupplier clockMillis;
    private final int breakerThreshold;
    private final long refreshIntervalMs;
    private long accountNumber = -1;
    private long sequence;
    /** Accepted + 1, or X of the last mismatch: the chain's own word; a fetch never goes below it. */
    private long floor;
    private boolean known;
    /** The next fetch replaces the local value instead of only raising it (start, unparseable mismatch). */
    private boolean replaceOnFetch = true;
    private long inFlight = -1;
    private long refreshedAt;
    private int consecutiveErrors;
    private String lastError;

    public InjectiveSequenceManager(LongSupplier clockMillis, int breakerThreshold) {
        this(clockMillis, breakerThreshold, REFRESH_INTERVAL_MS);
    }

    public InjectiveSequenceManager(LongSupplier clockMillis, int breakerThreshold, long refreshIntervalMs) {
        if (breakerThreshold <= 0) {
            throw new IllegalArgumentException("breaker threshold must be positive, got " + breakerThreshold);
        }
        if (refreshIntervalMs <= 0) {
            throw new IllegalArgumentException("refresh interval must be positive, got " + refreshIntervalMs);
        }
        this.clockMillis = clockMillis;
        this.breakerThreshold = breakerThreshold;
        this.refreshIntervalMs = refreshIntervalMs;
    }

    public synchronized Status status() {
        if (inFlight >= 0) {
            return Status.IN_FLIGHT;
        }
        return known ? Status.READY : Status.NEEDS_FETCH;
    }

    /** Should the caller fetch the account now? Never while a tx is in flight (its outcome comes first). */
    public synchronized boolean refreshDue() {
        return inFlight < 0 && (!known || clockMillis.getAsLong() - refreshedAt >= refreshIntervalMs);
    }

    /** The account as fetched from the chain; only between transactions. */
    public synchronized void refreshed(long accountNumber, long chainSequence) {
        if (inFlight >= 0) {
            throw new IllegalStateException("sequence " + inFlight + " is in flight: report its outcome before a refresh");
        }
        if (accountNumber < 0 || chainSequence < 0) {
            throw new IllegalArgumentException("account number and sequence must not be negative, got "
                    + accountNumber + "/" + chainSequence);
        }
        this.accountNumber = accountNumber;
        // a lagging committed value must not undo an acceptance: never below the floor
        sequence = Math.max(replaceOnFetch || !known ? floor : sequence, chainSequence);
        known = true;
        replaceOnFetch = false;
        refreshedAt = clockMillis.getAsLong();
    }

    /** The account could not be fetched: an error towards the breaker; the state is unchanged. */
    public synchronized void refreshFailed(String error) {
        error(error);
    }

    /** The sequence to sign the next tx with; it is in flight until its outcome is reported. */
    public synchronized long next() {
        switch (status()) {
            case IN_FLIGHT -> throw new IllegalStateException("sequence " + inFlight
                    + " is in flight: one transaction at a time per wallet");
            case NEEDS_FETCH -> throw new IllegalStateException("the account must be re-fetched first");
            default -> {
                inFlight = sequence;
                return sequence;
            }
        }
    }

    /** The broadcast returned CheckTx code 0: the sequence is consumed. */
    public synchronized void accepted(long sent) {
        land(sent);
        sequence = sent + 1;
        floor = sequence;
        consecutiveErrors = 0;
        lastError = null;
    }

    /** The broadcast returned CheckTx code {@code code} != 0 with {@code rawLog}. */
    public synchronized void rejected(long sent, int code, String rawLog) {
        if (code == 0) {
            throw new IllegalArgumentException("code 0 is acceptance: report it with accepted()");
        }
        land(sent);
        error("code " + code + ": " + rawLog);
        if (code != WRONG_SEQUENCE_CODE) {
            return; // CheckTx failed before the sequence was consumed: it is still ours
        }
        OptionalLong expected = expectedSequence(rawLog, sent);
        if (expected.isPresent()) {
            sequence = expected.getAsLong();
            floor = sequence;
        } else {
            known = false;
            replaceOnFetch = true;
        }
    }

    /** The broadcast failed without an answer (timeout, connection lost): the tx may be in the mempool or not. */
    public synchronized void outcomeUnknown(long sent, String error) {
        land(sent);
        error("outcome unknown: " + error);
        known = false;
    }

    /**
     * X from {@code account sequence mismatch, expected X, got Y: incorrect account sequence} when the raw_log is
     * exactly that, Y is the sequence sent and X differs from it; empty otherwise.
     */
    public static OptionalLong expectedSequence(String rawLog, long sent) {
        if (rawLog == null) {
            return OptionalLong.empty();
        }
        Matcher m = MISMATCH.matcher(rawLog.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            long expected = Long.parseLong(m.group(1));
            long got = Long.parseLong(m.group(2));
            return got == sent && expected != sent ? OptionalLong.of(expected) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // beyond a long
        }
    }

    private void land(long sent) {
        if (inFlight < 0) {
            throw new IllegalStateException("no sequence is in flight (outcome for " + sent + " reported twice?)");
        }
        if (sent != inFlight) {
            throw new IllegalStateException("outcome for sequence " + sent + " but " + inFlight + " is in flight");
        }
        inFlight = -1;
    }

    private void error(String error) {
        consecutiveErrors++;
        lastError = error;
    }

    /** {@code breakerThreshold} consecutive errors: the wallet's breaker should open. */
    public synchronized boolean breakerShouldOpen() {
        return consecutiveErrors >= breakerThreshold;
    }

    public synchronized int consecutiveErrors() {
        return consecutiveErrors;
    }

    public synchronized String lastError() {
        return lastError;
    }

    /** The account number from the last fetch, -1 before the first. */
    public synchronized long accountNumber() {
        return accountNumber;
    }

    /** The sequence in flight, if any. */
    public synchronized OptionalLong inFlight() {
        return inFlight < 0 ? OptionalLong.empty() : OptionalLong.of(inFlight);
    }
}
