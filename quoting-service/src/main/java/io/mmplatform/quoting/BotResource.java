package io.mmplatform.quoting;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mmplatform.common.codec.Json;
import io.mmplatform.quoting.adapters.BotDefinitionJson;
import io.mmplatform.quoting.domain.BotDefinition;
import io.mmplatform.quoting.domain.BotRegistry;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bots over HTTP: list, define, start, stop, summary, delete. */
@Path("/api/bots")
@Produces(MediaType.APPLICATION_JSON)
public class BotResource {
    @Inject
    QuotingService service;

    @GET
    public String list() {
        return json(service.bots().list().stream().map(BotResource::status).toList());
    }

    @GET
    @Path("/{id}")
    public String get(@PathParam("id") String id) {
        BotRegistry registry = service.bots();
        Map<String, Object> out = status(registry.status(id));
        out.put("summary", registry.summary(id));
        return json(out);
    }

    @GET
    @Path("/{id}/summary")
    public String summary(@PathParam("id") String id) {
        return json(service.bots().summary(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response define(String body) {
        // parsed with the platform's mapper, so decimal numbers stay exact
        BotDefinition definition = BotDefinitionJson.parse(body);
        BotRegistry.Status status = service.bots().define(definition);
        return Response.status(Response.Status.CREATED).entity(json(status(status))).build();
    }

    @POST
    @Path("/{id}/start")
    public String start(@PathParam("id") String id) {
        service.publish(service.bots().start(id, System.currentTimeMillis()));
        return json(status(service.bots().status(id)));
    }

    @POST
    @Path("/{id}/stop")
    public String stop(@PathParam("id") String id) {
        service.publish(service.bots().stop(id, System.currentTimeMillis()));
        return json(status(service.bots().status(id)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        service.publish(service.bots().delete(id, System.currentTimeMillis()));
        return Response.noContent().build();
    }

    /** Written with the platform's mapper: decimals as exact strings, as on the wire. */
    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> status(BotRegistry.Status s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.definition().id());
        out.put("status", !s.definition().enabled() ? "disabled" : s.running() ? "running" : "stopped");
        out.put("origin", s.origin().name().toLowerCase(java.util.Locale.ROOT));
        out.put("venue", s.venue()); // the definition shows "venue" only when it names one
        out.put("definition", BotDefinitionJson.toJson(s.definition()));
        if (!s.errors().isEmpty()) {
            out.put("errors", s.errors());
        }
        if (!s.strategy().isEmpty()) {
            out.put("strategy", s.strategy());
        }
        return out;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidDefinitionException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response conflict(BotRegistry.ConflictException e) {
        return error(Response.Status.CONFLICT, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response notFound(BotRegistry.NotFoundException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), null);
    }

    private static Response error(Response.Status status, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
