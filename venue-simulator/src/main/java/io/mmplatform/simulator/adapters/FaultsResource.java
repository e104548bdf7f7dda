package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.FaultSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fault-injection admin endpoint: GET /sim/faults returns the current settings; POST /sim/faults with a JSON
 * object sets any subset of them and returns the new settings (400 naming the field for an unknown field or a bad
 * value; then nothing changes).
 */
@Path("/sim/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultsResource {
    private static final Logger LOG = Logger.getLogger(FaultsResource.class);
    static final Set<String> FIELDS = Set.of("latencyMs", "jitterMs", "rejectRate", "lostAnswerRate",
            "burst429EverySeconds", "burst429DurationMs", "paused", "wsDropEverySeconds", "hermesFrozenCoins",
            "injectiveSequenceRaceRate", "injectiveDroppedBroadcastRate");

    @Inject
    SimulatorRuntime runtime;

    @GET
    public String get() {
        return withInjective(toJson(runtime.faults().settings())).toString();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response set(String body) {
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            patch = null;
        }
        if (patch == null || !patch.isObject()) {
            return badRequest("body must be a JSON object of fault settings");
        }
        synchronized (FaultsResource.class) {
            FaultSettings current = runtime.faults().settings();
            ObjectNode merged = withInjective(toJson(current));
            Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!FIELDS.contains(e.getKey())) {
                    return badRequest("unknown field " + e.getKey() + " (known: " + String.join(", ",
                            new TreeSet<>(FIELDS)) + ")");
                }
                JsonNode v = e.getValue();
                boolean ok = switch (e.getKey()) {
                    case "paused" -> v.isBoolean();
                    case "rejectRate", "lostAnswerRate", "injectiveSequenceRaceRate",
                         "injectiveDroppedBroadcastRate" -> v.isNumber();
                    case "hermesFrozenCoins" -> v.isArray() && allText(v);
                    default -> v.isIntegralNumber() && v.canConvertToLong();
                };
                if (!ok) {
                    return badRequest(e.getKey() + " has the wrong type: " + v);
                }
                merged.set(e.getKey(), v);
            }
            FaultSettings next;
            try {
                next = new FaultSettings(merged.get("latencyMs").longValue(), merged.get("jitterMs").longValue(),
                        merged.get("rejectRate").doubleValue(), merged.get("lostAnswerRate").doubleValue(),
                        merged.get("burst429EverySeconds").longValue(), merged.get("burst429DurationMs").longValue(),
                        merged.get("paused").booleanValue(), merged.get("wsDropEverySeconds").longValue(),
                        coins(merged.get("hermesFrozenCoins")));
            } catch (IllegalArgumentException e) {
                return badRequest(e.getMessage());
            }
            double race = merged.get("injectiveSequenceRaceRate").doubleValue();
            double dropped = merged.get("injectiveDroppedBroadcastRate").doubleValue();
            if (!(race >= 0 && race <= 1)) {
                return badRequest("injectiveSequenceRaceRate must be within 0..1, got " + race);
            }
            if (!(dropped >= 0 && dropped <= 1)) {
                return badRequest("injectiveDroppedBroadcastRate must be within 0..1, got " + dropped);
            }
            if (runtime.injective() == null && (race > 0 || dropped > 0)) {
                return badRequest("injectiveSequenceRaceRate/injectiveDroppedBroadcastRate: the Injective dialect is off");
            }
            runtime.faults().update(next);
            if (runtime.injective() != null) {
                runtime.injective().faults(race, dropped);
            }
            LOG.infof("fault settings changed: %s, injective sequence race %s, dropped broadcasts %s", next, race,
                    dropped);
            return Response.ok(withInjective(toJson(next)).toString(), MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    static ObjectNode toJson(FaultSettings s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("latencyMs", s.latencyMs());
        n.put("jitterMs", s.jitterMs());
        n.put("rejectRate", s.rejectRate());
        n.put("lostAnswerRate", s.lostAnswerRate());
        n.put("burst429EverySeconds", s.burst429EverySeconds());
        n.put("burst429DurationMs", s.burst429DurationMs());
        n.put("paused", s.paused());
        n.put("wsDropEverySeconds", s.wsDropEverySeconds());
        s.hermesFrozenCoins().forEach(n.putArray("hermesFrozenCoins")::add);
        return n;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> coins(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(item -> out.add(item.textValue()));
        return out;
    }

    /** Adds the Injective dialect's broadcast faults (0 when the dialect is off). */
    private ObjectNode withInjective(ObjectNode n) {
        n.put("injectiveSequenceRaceRate", runtime.injective() == null ? 0.0 : runtime.injective().sequenceRaceRate());
        n.put("injectiveDroppedBroadcastRate",
                runtime.injective() == null ? 0.0 : runtime.injective().droppedBroadcastRate());
        return n;
    }

    private static Response badRequest(String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", message);
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(n.toString()).build();
    }
}
