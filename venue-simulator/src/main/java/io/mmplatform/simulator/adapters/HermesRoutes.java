package io.mmplatform.simulator.adapters;

import io.mmplatform.simulator.domain.PriceTick;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pyth Hermes v2 on Vert.x routes: GET /v2/updates/price/latest and the server-sent-events stream
 * GET /v2/updates/price/stream, which writes one {@code data:{json}\n\n} event per reference tick (each write is
 * flushed). Query: ids[] (repeated, with or without 0x; "ids" is accepted too), parsed (default true),
 * encoding (hex default, or base64).
 */
@ApplicationScoped
public class HermesRoutes {
    private static final Logger LOG = Logger.getLogger(HermesRoutes.class);

    private record Subscriber(HttpServerResponse response, Context context, List<String> coins, boolean parsed,
                              boolean base64) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** The last tick of each coin sent before its freeze (fault hermesFrozenCoins): what latest answers meanwhile. */
    private final Map<String, PriceTick> frozenTicks = new ConcurrentHashMap<>();

    @Inject
    SimulatorRuntime runtime;

    private HermesPayloads payloads;

    void routes(@Observes Router router) {
        payloads = new HermesPayloads(runtime.simulation().markets());
        runtime.onTicks(this::publish);
        router.get("/v2/updates/price/latest").handler(this::latest);
        router.get("/v2/updates/price/stream").handler(this::stream);
    }

    private record Query(HermesPayloads.Resolved resolved, boolean parsed, boolean base64, String error) {
    }

    private Query query(RoutingContext ctx) {
        List<String> ids = new ArrayList<>(ctx.queryParam("ids[]"));
        ids.addAll(ctx.queryParam("ids"));
        if (ids.isEmpty()) {
            return new Query(null, true, false, "Missing query parameter ids[]");
        }
        String encoding = ctx.queryParam("encoding").isEmpty() ? "hex" : ctx.queryParam("encoding").get(0);
        if (!encoding.equals("hex") && !encoding.equals("base64")) {
            return new Query(null, true, false, "Invalid encoding " + encoding + " (hex or base64)");
        }
        boolean parsed = ctx.queryParam("parsed").isEmpty() || !"false".equals(ctx.queryParam("parsed").get(0));
        return new Query(payloads.resolve(ids), parsed, encoding.equals("base64"), null);
    }

    private boolean refuse(RoutingContext ctx, Query q) {
        if (q.error() != null) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain").end(q.error());
            return true;
        }
        if (!q.resolved().unknown().isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end(HermesPayloads.notFound(q.resolved().unknown()));
            return true;
        }
        return false;
    }

    private void latest(RoutingContext ctx) {
        Query q = query(ctx);
        if (refuse(ctx, q)) {
            return;
        }
        Map<String, PriceTick> latest = runtime.simulation().latestByCoin();
        List<PriceTick> ticks = q.resolved().coins().stream()
                .map(coin -> frozenTicks.getOrDefault(coin, latest.get(coin))).toList();
        ctx.response().putHeader("Content-Type", "application/json").end(payloads.payload(ticks, q.parsed(), q.base64()));
    }

    private void stream(RoutingContext ctx) {
        Query q = query(ctx);
        if (refuse(ctx, q)) {
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "text/event-stream");
        response.putHeader("Cache-Control", "no-cache");
        response.putHeader("Connection", "keep-alive");
        response.putHeader("X-Accel-Buffering", "no");
        Subscriber sub = new Subscriber(response, Vertx.currentContext(), q.resolved().coins(), q.parsed(), q.base64());
        subscribers.add(sub);
        response.closeHandler(v -> subscribers.remove(sub));
        response.exceptionHandler(e -> subscribers.remove(sub));
        // headers go out at once so the client sees the stream open before the first tick
        response.write("");
        LOG.debugf("hermes stream opened for %s (%d streams)", q.resolved().coins(), subscribers.size());
    }

    private void publish(List<PriceTick> allTicks) {
        Set<String> frozen = runtime.faults().settings().hermesFrozenCoins();
        frozenTicks.keySet().retainAll(frozen);
        List<PriceTick> ticks = allTicks;
        if (!frozen.isEmpty()) {
            ticks = new ArrayList<>();
            for (PriceTick t : allTicks) {
                if (frozen.contains(t.coin())) {
                    frozenTicks.putIfAbsent(t.coin(), t);
                } else {
                    ticks.add(t);
                }
            }
        }
        if (subscribers.isEmpty()) {
            return;
        }
        for (Subscriber sub : subscribers) {
            List<PriceTick> mine = new ArrayList<>();
            for (PriceTick t : ticks) {
                if (sub.coins().contains(t.coin())) {
                    mine.removeIf(old -> old.coin().equals(t.coin()));
                    mine.add(t);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            String event = "data:" + payloads.payload(mine, sub.parsed(), sub.base64()) + "\n\n";
            sub.context().runOnContext(v -> {
                if (sub.response().closed() || sub.response().ended()) {
                    subscribers.remove(sub);
                    return;
                }
                sub.response().write(event).onFailure(e -> subscribers.remove(sub));
            });
        }
    }
}
