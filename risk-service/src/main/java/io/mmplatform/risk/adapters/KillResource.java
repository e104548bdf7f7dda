package io.mmplatform.risk.adapters;

import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.risk.RiskService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Operators: engage and release the kill switch, read its current state (from the compacted risk.kill). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class KillResource {

    /** Body of POST /api/kill and /api/release; actor optional (defaults to "operator"). */
    public record KillRequest(String scope, String reason, String actor) {
    }

    @Inject
    RiskService service;

    @GET
    @Path("/kill")
    public List<KillSwitch> state() {
        return service.currentKills();
    }

    @POST
    @Path("/kill")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response kill(KillRequest request) {
        return publish(request, KillState.ENGAGED);
    }

    @POST
    @Path("/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response release(KillRequest request) {
        return publish(request, KillState.RELEASED);
    }

    private Response publish(KillRequest request, KillState state) {
        if (request == null) {
            return bad("a JSON body {\"scope\":\"global|wallet:<id>|market:<m>\",\"reason\":\"...\"} is required");
        }
        String scope;
        try {
            scope = KillScope.parse(request.scope()).toString();
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        if (request.reason() == null || request.reason().isBlank()) {
            return bad("reason is required");
        }
        String actor = request.actor() == null || request.actor().isBlank() ? "operator"
                : request.actor().startsWith("operator") ? request.actor() : "operator:" + request.actor();
        KillSwitch kill = new KillSwitch(scope, state, request.reason(), actor, System.currentTimeMillis());
        try {
            service.publish(kill).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "risk.kill did not acknowledge: " + e.getMessage())).build();
        }
        return Response.accepted(kill).build();
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
