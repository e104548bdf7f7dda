package io.mmplatform.simulator.adapters;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The venue's WebSocket at {@code /ws} ({@link HyperliquidStream} speaks the dialect). Subscribers are fed after
 * every clock step. A client that does not keep up (full write queue) is disconnected, as the venue does.
 */
@ApplicationScoped
public class WebSocketRoutes {
    private static final Logger LOG = Logger.getLogger(WebSocketRoutes.class);

    @Inject
    SimulatorRuntime runtime;

    @Inject
    SimulatorMetrics metrics;

    private HyperliquidStream stream;

    void routes(@Observes Router router) {
        stream = new HyperliquidStream(runtime.simulation());
        runtime.onStep(this::step);
        router.route("/ws").handler(this::upgrade);
    }

    private void step() {
        long now = System.currentTimeMillis();
        if (runtime.faults().wsDropDue(now)) {
            int dropped = stream.dropAll();
            if (dropped > 0) {
                metrics.faultInjected("ws-drop");
                LOG.infof("fault injected: dropped %d WebSocket connection(s)", dropped);
            }
        }
        stream.publish(now);
    }

    private void upgrade(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(this::accept).onFailure(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain")
                        .end("WebSocket upgrade required");
            }
        });
    }

    private void accept(ServerWebSocket ws) {
        HyperliquidStream.Connection[] conn = new HyperliquidStream.Connection[1];
        conn[0] = stream.open(text -> {
            if (ws.isClosed()) {
                stream.close(conn[0]);
            } else if (ws.writeQueueFull()) {
                LOG.warnf("closing a WebSocket client that does not keep up (%s)", ws.remoteAddress());
                stream.close(conn[0]);
                ws.close((short) 1008, "slow consumer");
            } else {
                ws.writeTextMessage(text);
            }
        }, () -> ws.close((short) 1001, "dropped by the venue"));
        ws.textMessageHandler(text -> stream.onMessage(conn[0], text, System.currentTimeMillis()));
        ws.closeHandler(v -> stream.close(conn[0]));
        ws.exceptionHandler(e -> stream.close(conn[0]));
    }

    /** Open WebSocket connections (for status and tests). */
    public int connections() {
        return stream == null ? 0 : stream.connectionCount();
    }
}
