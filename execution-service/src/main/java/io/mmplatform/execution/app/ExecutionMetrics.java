package io.mmplatform.execution.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The counters and timers an operator watches (under /q/metrics, prefix execution_). */
@ApplicationScoped
public class ExecutionMetrics {
    private final MeterRegistry registry;
    private final Counter ordersSent;
    private final Counter cancelsSent;
    private final Counter fills;
    private final Counter orphansCancelled;
    private final Timer tickToOrder;
    private final Timer killCancelAll;
    private final Timer venueRoundTrip;
    private final Timer intentTransit;
    private final Timer intentWait;
    private final Timer drain;
    private final Counter deadManArmed;
    private final Counter requestWeight;

    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ordersSent = Counter.builder("execution.orders.sent").description("orders sent to the venue").register(registry);
        this.cancelsSent = Counter.builder("execution.cancels.sent").description("cancels sent to the venue").register(registry);
        this.fills = Counter.builder("execution.fills").description("fills published on exec.fills").register(registry);
        this.orphansCancelled = Counter.builder("execution.orphans.cancelled")
                .description("orders found on the venue that execution did not know, cancelled").register(registry);
        this.tickToOrder = Timer.builder("execution.tick.to.order")
                .description("market-data event receipt (intent originNanos) to order request leaving")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.killCancelAll = Timer.builder("execution.kill.cancel.latency")
                .description("kill received to the venue confirming no order in scope").register(registry);
        this.venueRoundTrip = Timer.builder("execution.venue.exchange.roundtrip")
                .description("POST /exchange round trip").publishPercentiles(0.5, 0.99).register(registry);
        this.intentTransit = Timer.builder("execution.intent.transit")
                .description("quote.intents record timestamp (quoting sent it) to execution's consumer handing it to"
                        + " the wallet (ms resolution)").publishPercentiles(0.5, 0.99).register(registry);
        this.intentWait = Timer.builder("execution.intent.wait")
                .description("intent handed to the wallet to its thread taking it up (the thread was busy or the"
                        + " market's previous request was still on the wire)").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.drain = Timer.builder("execution.drain")
                .description("a wallet thread's round: reconcile the waiting intents, sign and send their requests")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.requestWeight = Counter.builder("execution.request.weight")
                .description("request weight used against the venue's rate limit (its weights)").register(registry);
        this.deadManArmed = Counter.builder("execution.deadman.armed")
                .description("scheduleCancel requests that armed or pushed back the dead man's switch").register(registry);
    }

    /**
     * The replica's identity and how many wallets it owns: {@code execution_instance_info{instance}} (always 1) and
     * {@code execution_owned_wallets{instance}}.
     */
    public void instance(String instanceId, Supplier<Number> ownedWallets) {
        Gauge.builder("execution.instance.info", () -> 1).tag("instance", instanceId)
                .description("this execution replica (execution.instance-id)").register(registry);
        Gauge.builder("execution.owned.wallets", ownedWallets).tag("instance", instanceId)
                .description("wallets whose quote.intents partition this replica owns").register(registry);
    }

    /** Request weight spent against the venue's IP limit (execution_request_weight_total). */
    public void requestWeight(int weight) {
        if (weight > 0) {
            requestWeight.increment(weight);
        }
    }

    /** A request the rate limiter held back (kind: read; intents held back count as intents{outcome=throttled}). */
    public void throttled(String kind) {
        registry.counter("execution.throttled", "kind", kind).increment();
    }

    /** A wallet's circuit breaker opened or closed: execution_circuit_breaker_total{transition}. */
    public void breaker(String transition) {
        registry.counter("execution.circuit.breaker", "transition", transition).increment();
    }

    /** The dead man's switch was armed or pushed back for one wallet. */
    public void deadManArmed() {
        deadManArmed.increment();
    }

    public void ordersSent(int n) {
        ordersSent.increment(n);
    }

    public void cancelsSent(int n) {
        cancelsSent.increment(n);
    }

    public void fill() {
        fills.increment();
    }

    public void orphansCancelled(int n) {
        orphansCancelled.increment(n);
    }

    /** An order refused before or by the venue; reason is a short tag (price_band, venue, ...). */
    public void reject(String reason, int n) {
        registry.counter("execution.rejects", "reason", reason).increment(n);
    }

    /** What became of an intent: applied, killed, stale, old_seq, not_ready, unknown_market, unowned. */
    public void intent(String outcome) {
        registry.counter("execution.intents", "outcome", outcome).increment();
    }

    /**
     * What became of an Injective transaction: execution_injective_txs_total{wallet,outcome}, outcome accepted,
     * rejected, unknown (broadcast unanswered), confirmed, failed (in a block, code != 0), lost.
     */
    public void injectiveTx(String wallet, String outcome) {
        registry.counter("execution.injective.txs", "wallet", wallet, "outcome", outcome).increment();
    }

    /** An {@code account sequence mismatch} (code 32): execution_injective_sequence_mismatches_total{wallet}. */
    public void injectiveSequenceMismatch(String wallet) {
        registry.counter("execution.injective.sequence.mismatches", "wallet", wallet).increment();
    }

    /** Mismatches recovered by an accepted tx: execution_injective_sequence_recoveries_total{wallet}. */
    public void injectiveSequenceRecovered(String wallet, int mismatches) {
        registry.counter("execution.injective.sequence.recoveries", "wallet", wallet).increment(mismatches);
    }

    public void tickToOrder(long originNanos) {
        if (originNanos <= 0) {
            return;
        }
        long elapsed = epochNanos() - originNanos;
        if (elapsed >= 0) {
            tickToOrder.record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    /** Kafka timestamp (ms) of an intent's record to its receipt. */
    public void intentTransit(long recordTimestampMs) {
        long elapsed = System.currentTimeMillis() - recordTimestampMs;
        if (recordTimestampMs > 0 && elapsed >= 0) {
            intentTransit.record(elapsed, TimeUnit.MILLISECONDS);
        }
    }

    public void intentWait(long nanos) {
        if (nanos >= 0) {
            intentWait.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void drain(long nanos) {
        if (nanos >= 0) {
            drain.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void killCancelAll(long nanos) {
        killCancelAll.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void venueRoundTrip(long nanos) {
        venueRoundTrip.record(nanos, TimeUnit.NANOSECONDS);
    }

    public static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
