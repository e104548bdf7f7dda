package io.mmplatform.simulator.adapters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.simulator.domain.MatchingEngine;
import io.mmplatform.simulator.domain.Simulation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Operator metrics: orders accepted/rejected and trades by the engine, exchange rejects by reason, statuses by
 * action, open orders, accounts, taker orders.
 */
@ApplicationScoped
public class SimulatorMetrics implements HyperliquidExchange.Listener {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    SimulatorRuntime runtime;

    void register(@Observes StartupEvent event) {
        Simulation sim = runtime.simulation();
        engineCounter(sim, "simulator.orders", "result", "accepted", MatchingEngine::ordersAccepted,
                "orders accepted by the engine (ours and takers')");
        engineCounter(sim, "simulator.orders", "result", "rejected", MatchingEngine::ordersRejected,
                "orders the engine refused (minimum value, reduce-only, post-only crossing, ...)");
        engineCounter(sim, "simulator.trades", "market", "all", MatchingEngine::trades, "trades (one per match)");
        for (var m : sim.markets()) {
            engineCounter(sim, "simulator.trades", "market", m.name(), e -> e.trades(m.name()), "trades per market");
        }
        engineCounter(sim, "simulator.cancels", "kind", "all", MatchingEngine::cancels,
                "orders removed by cancel or self-trade prevention");
        FunctionCounter.builder("simulator.taker.orders", sim, Simulation::takerOrders)
                .description("IOC orders sent by the simulated takers").register(registry);
        Gauge.builder("simulator.open.orders", sim, s -> s.withEngine(MatchingEngine::openOrderCount))
                .description("orders resting on all books").register(registry);
        FunctionCounter.builder("simulator.scheduled.cancels.fired", sim, Simulation::scheduledCancelsFired)
                .description("dead man's switches (scheduleCancel) that fired").register(registry);
        Gauge.builder("simulator.accounts", sim, s -> s.withEngine(MatchingEngine::accountCount))
                .description("accounts known to the venue (incl. takers)").register(registry);
    }

    private void engineCounter(Simulation sim, String name, String tag, String value,
                               ToLongFunction<MatchingEngine> f, String description) {
        FunctionCounter.builder(name, sim, s -> s.withEngine(e -> (double) f.applyAsLong(e)))
                .tag(tag, value).description(description).register(registry);
    }

    @Override
    public void rejected(String reason) {
        counters.computeIfAbsent("reject:" + reason, k -> Counter.builder("simulator.exchange.rejects")
                .tag("reason", reason).description("POST /exchange requests refused as a whole").register(registry))
                .increment();
    }

    @Override
    public void faultInjected(String kind) {
        counters.computeIfAbsent("fault:" + kind, k -> Counter.builder("simulator.faults.injected")
                .tag("kind", kind).description("faults injected on purpose (reject, lost-answer, burst429, paused, "
                        + "latency)").register(registry))
                .increment();
    }

    @Override
    public void rateLimited(String scope) {
        counters.computeIfAbsent("ratelimit:" + scope, k -> Counter.builder("simulator.rate.limited")
                .tag("scope", scope).description("requests answered 429 by a rate limit (ip or address)")
                .register(registry))
                .increment();
    }

    @Override
    public void status(String action, String status) {
        counters.computeIfAbsent(action + ":" + status, k -> Counter.builder("simulator.exchange.statuses")
                .tag("action", action).tag("status", status)
                .description("per-order / per-cancel statuses answered by POST /exchange").register(registry))
                .increment();
    }
}
