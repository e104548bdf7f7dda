package io.mmplatform.execution.app;

import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.execution.adapters.VenueException;
import io.mmplatform.execution.adapters.Wallet;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a wallet's worker on any venue shares: one thread that is the single writer of the wallet's state there,
 * ownership of the wallet (its quote.intents partition) in epochs, a re-sync from the venue before anything is sent
 * in an epoch, the latest intent per market waiting for the thread (a newer one replaces it), and loops that run only
 * while the wallet is owned and re-synced.
 */
abstract class OwnedWalletWorker {
    private static final Logger LOG = Logger.getLogger(OwnedWalletWorker.class);

    protected final Wallet wallet;
    protected final ExecutionMetrics metrics;
    protected final ScheduledExecutorService exec;
    /** The latest intent per market not yet processed. */
    protected final Map<String, QuoteIntent> pending = new ConcurrentHashMap<>();
    /** When the latest intent of each market reached this worker (System.nanoTime), for execution_intent_wait. */
    private final Map<String, Long> receivedNanos = new ConcurrentHashMap<>();
    /** Incremented on every change of ownership: a re-sync of an older epoch stops. */
    protected final AtomicLong epoch = new AtomicLong();
    /** This instance owns the wallet's partition: it may send for it. Cleared at once on revocation. */
    protected volatile boolean owned;
    /** Owned and re-synced from the venue in the current ownership epoch: intents are processed, loops run. */
    protected volatile boolean active;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final String venueName;
    private String lastError;

    OwnedWalletWorker(Wallet wallet, ExecutionMetrics metrics, String threadName, String venueName) {
        this.wallet = wallet;
        this.metrics = metrics;
        this.venueName = venueName;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    Wallet wallet() {
        return wallet;
    }

    boolean owned() {
        return owned;
    }

    /** Owned and re-synced: the wallet is being traded by this instance. */
    boolean active() {
        return active;
    }

    /** The venue's metadata is known: a re-sync can run. */
    protected abstract boolean venueKnown();

    /** Re-syncs the wallet from the venue for ownership epoch {@code e}; sets {@link #active} when done. */
    protected abstract void sync(long e);

    /** Applies one intent (on the wallet's thread). */
    protected abstract void process(QuoteIntent intent);

    /** After a drain processed the waiting intents (on the wallet's thread): e.g. sends what they staged. */
    protected void afterDrain() {
    }

    /**
     * Whether an intent for the market may be processed now (on the wallet's thread); if not, it stays waiting (a
     * newer one still replaces it) until {@link #scheduleDrain} runs again.
     */
    protected boolean mayStart(String market) {
        return true;
    }

    /** A venue error in a loop or an intent, before it is logged (e.g. a 429 slows the rate limiter down). */
    protected void onVenueException(VenueException e) {
    }

    /** Re-syncs now if the wallet is owned (once the loops are scheduled). */
    protected void syncIfOwned() {
        if (owned) {
            long e = epoch.get();
            exec.execute(() -> sync(e));
        }
    }

    /**
     * This instance now owns the wallet's partition. Called on the consumer's thread during the rebalance, before
     * any intent of the partition is delivered: the re-sync is queued on the wallet's thread ahead of every intent.
     */
    void own() {
        long e = epoch.incrementAndGet();
        active = false;
        owned = true;
        if (venueKnown()) {
            exec.execute(() -> sync(e));
        }
    }

    /**
     * The partition was revoked: nothing more is sent for the wallet from now on (a request already on the wire
     * completes). Its orders stay on the venue for the new owner to adopt.
     */
    void disown() {
        epoch.incrementAndGet();
        owned = false;
        active = false;
        pending.clear();
    }

    /** Latest wins: a newer intent for the same market replaces one still waiting. Called from the consumer. */
    void offer(QuoteIntent intent) {
        if (!owned) {
            metrics.intent("unowned");
            return;
        }
        receivedNanos.put(intent.market(), System.nanoTime());
        if (pending.put(intent.market(), intent) != null) {
            metrics.intent("superseded"); // the sequencer only lets newer intents through: the waiting one is stale
        }
        scheduleDrain();
    }

    protected void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            exec.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        long start = System.nanoTime();
        int processed = 0;
        for (String market : List.copyOf(pending.keySet())) {
            if (!mayStart(market)) {
                continue;
            }
            QuoteIntent intent = pending.remove(market);
            if (intent != null) {
                Long received = receivedNanos.get(market);
                if (received != null) {
                    // read after the receipt time (which may be a newer intent's, offered meanwhile): never negative
                    metrics.intentWait(System.nanoTime() - received);
                }
                processed++;
                guarded("intent " + market + "#" + intent.seq(), () -> process(intent));
            }
        }
        guarded("requests of the drain", this::afterDrain);
        if (processed > 0) {
            metrics.drain(System.nanoTime() - start);
        }
    }

    /** A loop's turn: runs only while the wallet is owned and re-synced. */
    protected void whileActive(String what, Runnable task) {
        if (active) {
            guarded(what, task);
        }
    }

    /** Runs a task; a venue error is logged once until the venue answers again, anything else with its trace. */
    protected void guarded(String what, Runnable task) {
        try {
            task.run();
            if (lastError != null && !what.startsWith("intent")) {
                LOG.infof("wallet %s: %s reachable again", wallet.id(), venueName);
                lastError = null;
            }
        } catch (VenueException e) {
            onVenueException(e);
            if (exec.isShutdown()) {
                return; // interrupted by shutdown: nothing to report
            }
            if (!e.getMessage().equals(lastError)) {
                LOG.warnf("wallet %s: %s on %s failed: %s", wallet.id(), what, venueName, e.getMessage());
                lastError = e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "wallet %s: %s on %s failed", wallet.id(), what, venueName);
        }
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
