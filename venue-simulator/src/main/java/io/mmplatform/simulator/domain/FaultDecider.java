package io.mmplatform.simulator.domain;

import java.util.Random;

/**
 * Decides, from the simulator's seed, which requests the venue mistreats under the current {@link FaultSettings}.
 * Rates of 0 and 1 never draw a random number, so switching a fault off or fully on does not shift the sequence of
 * the others. 429 bursts are periodic in time: a burst covers [start + k x every, start + k x every + duration) for
 * k = 0, 1, 2, ... from the decider's start time. Thread-safe.
 */
public final class FaultDecider {
    private final Random random;
    private final long startMs;
    private volatile FaultSettings settings;
    private long lastDropPeriod;

    public FaultDecider(long seed, long startMs, FaultSettings initial) {
        // a stream of its own, distinct from the reference walks' and takers' streams of the same seed
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + 0x6661756C74L);
        this.startMs = startMs;
        this.settings = initial;
    }

    public FaultSettings settings() {
        return settings;
    }

    public void update(FaultSettings next) {
        settings = next;
    }

    /** Milliseconds to hold an answer back: latency plus a seeded uniform 0..jitter. */
    public long delayMs() {
        FaultSettings s = settings;
        if (s.jitterMs() == 0) {
            return s.latencyMs();
        }
        synchronized (random) {
            return s.latencyMs() + (long) (random.nextDouble() * (s.jitterMs() + 1));
        }
    }

    /** Whether one order of an order action is rejected. */
    public boolean rejectOrder() {
        return draw(settings.rejectRate());
    }

    /** Whether the answer to one applied /exchange request is lost. */
    public boolean loseAnswer() {
        return draw(settings.lostAnswerRate());
    }

    /** Whether requests at this time fall in a 429 burst. */
    public boolean inBurst(long nowMs) {
        FaultSettings s = settings;
        if (s.burst429EverySeconds() <= 0 || s.burst429DurationMs() <= 0 || nowMs < startMs) {
            return false;
        }
        long period = s.burst429EverySeconds() * 1000;
        long since = nowMs - startMs;
        return since % period < s.burst429DurationMs();
    }

    /**
     * Whether WebSocket connections are to be dropped now: true once per period of wsDropEverySeconds from the start
     * (at start + k x every, k = 1, 2, ...; checked by the clock, so a little after).
     */
    public synchronized boolean wsDropDue(long nowMs) {
        long every = settings.wsDropEverySeconds();
        if (every <= 0 || nowMs < startMs) {
            return false;
        }
        long period = (nowMs - startMs) / (every * 1000);
        if (period >= 1 && period > lastDropPeriod) {
            lastDropPeriod = period;
            return true;
        }
        return false;
    }

    public boolean paused() {
        return settings.paused();
    }

    private boolean draw(double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
