package io.mmplatform.simulator.adapters;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Hyperliquid's HTTP API: POST /info and POST /exchange. Runs on worker threads; the engine lock serializes. */
@Path("/")
public class HyperliquidResource {
    @Inject
    SimulatorRuntime runtime;

    @Inject
    SimulatorMetrics metrics;

    private HyperliquidInfo info;
    private HyperliquidExchange exchange;

    @PostConstruct
    void init() {
        info = new HyperliquidInfo(runtime.simulation());
        exchange = new HyperliquidExchange(runtime.simulation(), runtime.settings().mainnet(), metrics);
    }

    @POST
    @Path("info")
    @Consumes(MediaType.WILDCARD)
    public Response info(String body) {
        return toResponse(info.handle(body == null ? "" : body, System.currentTimeMillis()));
    }

    @POST
    @Path("exchange")
    @Consumes(MediaType.WILDCARD)
    public Response exchange(String body) {
        return toResponse(exchange.handle(body == null ? "" : body, System.currentTimeMillis()));
    }

    static Response toResponse(HttpAnswer answer) {
        return Response.status(answer.status())
                .type(answer.text() ? MediaType.TEXT_PLAIN_TYPE : MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body()).build();
    }
}
