package io.mmplatform.simulator.adapters;

import io.mmplatform.simulator.domain.FaultDecider;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Hyperliquid's HTTP API: POST /info and POST /exchange. Runs on worker threads; the engine lock serializes.
 * Injected faults act here: 429 bursts (nothing applied), the venue pause (/exchange refused), lost answers (the
 * request is applied, then the connection is closed without a response) and added latency / jitter.
 */
@Path("/")
public class HyperliquidResource {
    static final String PAUSED = "{\"status\":\"err\",\"response\":\"Venue is paused\"}";

    @Inject
    SimulatorRuntime runtime;

    @Inject
    SimulatorMetrics metrics;

    private HyperliquidInfo info;
    private HyperliquidExchange exchange;

    @PostConstruct
    void init() {
        info = new HyperliquidInfo(runtime.simulation(), runtime.rateLimits(), metrics);
        exchange = new HyperliquidExchange(runtime.simulation(), runtime.settings().mainnet(), metrics,
                runtime.faults(), runtime.rateLimits());
    }

    @POST
    @Path("info")
    @Consumes(MediaType.WILDCARD)
    public Response info(String body, @Context HttpServerRequest request) {
        long now = System.currentTimeMillis();
        FaultDecider faults = runtime.faults();
        HttpAnswer answer;
        if (faults.inBurst(now)) {
            metrics.faultInjected("burst429");
            answer = HttpAnswer.tooManyRequests();
        } else {
            answer = info.handle(body == null ? "" : body, now, ip(request));
        }
        delay(faults);
        return toResponse(answer);
    }

    @POST
    @Path("exchange")
    @Consumes(MediaType.WILDCARD)
    public Response exchange(String body, @Context HttpServerRequest request) {
        long now = System.currentTimeMillis();
        FaultDecider faults = runtime.faults();
        HttpAnswer answer;
        if (faults.inBurst(now)) {
            metrics.faultInjected("burst429");
            answer = HttpAnswer.tooManyRequests();
        } else if (faults.paused()) {
            metrics.faultInjected("paused");
            answer = HttpAnswer.json(PAUSED);
        } else {
            answer = exchange.handle(body == null ? "" : body, now, ip(request));
            if (applied(answer) && faults.loseAnswer()) {
                metrics.faultInjected("lost-answer");
                delay(faults);
                request.connection().close();
                return null;
            }
        }
        delay(faults);
        return toResponse(answer);
    }

    /** An answer to a request that changed the venue (status ok). */
    static boolean applied(HttpAnswer answer) {
        return answer.status() == 200 && !answer.text() && answer.body().startsWith("{\"status\":\"ok\"");
    }

    private void delay(FaultDecider faults) {
        long ms = faults.delayMs();
        if (ms > 0) {
            metrics.faultInjected("latency");
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String ip(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "" : request.remoteAddress().host();
    }

    static Response toResponse(HttpAnswer answer) {
        return Response.status(answer.status())
                .type(answer.text() ? MediaType.TEXT_PLAIN_TYPE : MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body()).build();
    }
}
