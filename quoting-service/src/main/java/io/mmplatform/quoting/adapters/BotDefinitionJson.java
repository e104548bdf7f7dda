package io.mmplatform.quoting.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.quoting.domain.BotDefinition;
import io.mmplatform.quoting.domain.InvalidDefinitionException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bot definition in JSON: {@code {"id", "strategy", "wallet", "venue", "markets": [...], "params": {...},
 * "overrides": {"<market>": {...}}, "enabled"}}. Parameter values may be strings or JSON numbers; numbers are kept
 * as their exact decimal text. {@code venue} is optional (absent = the service's quoting.venue) and written back
 * only when given. Anything wrong is refused naming its field.
 */
public final class BotDefinitionJson {
    private static final Set<String> FIELDS = Set.of("id", "strategy", "wallet", "venue", "markets", "params",
            "overrides", "enabled");

    public static BotDefinition parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException("(document)", "is not valid JSON: " + e.getOriginalMessage());
        }
        return parse(root);
    }

    public static BotDefinition parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidDefinitionException("(document)", "must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidDefinitionException(name, "is not a field of a bot definition (fields: id, strategy, "
                        + "wallet, venue, markets, params, overrides, enabled)");
            }
        }
        String id = text(root, "id");
        String strategy = text(root, "strategy");
        String wallet = text(root, "wallet");
        String venue = text(root, "venue");
        JsonNode marketsNode = root.get("markets");
        List<String> markets = new ArrayList<>();
        if (marketsNode != null && !marketsNode.isNull()) {
            if (!marketsNode.isArray()) {
                throw new InvalidDefinitionException("markets", "must be an array of market names");
            }
            for (int i = 0; i < marketsNode.size(); i++) {
                JsonNode m = marketsNode.get(i);
                if (!m.isTextual()) {
                    throw new InvalidDefinitionException("markets[" + i + "]", "must be a string");
                }
                markets.add(m.textValue());
            }
        }
        Map<String, String> params = values(root.get("params"), "params");
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        JsonNode o = root.get("overrides");
        if (o != null && !o.isNull()) {
            if (!o.isObject()) {
                throw new InvalidDefinitionException("overrides", "must be an object of market -> parameters");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                overrides.put(e.getKey(), values(e.getValue(), "overrides." + e.getKey()));
            }
        }
        boolean enabled = true;
        JsonNode en = root.get("enabled");
        if (en != null && !en.isNull()) {
            if (!en.isBoolean()) {
                throw new InvalidDefinitionException("enabled", "must be true or false");
            }
            enabled = en.booleanValue();
        }
        return new BotDefinition(id, strategy, wallet, venue, markets, params, overrides, enabled);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidDefinitionException(field, "must be a string");
        }
        return n.textValue();
    }

    private static Map<String, String> values(JsonNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidDefinitionException(path, "must be an object of name -> value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String value;
            if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isNumber()) {
                value = v.decimalValue().toPlainString();
            } else if (v.isBoolean()) {
                value = Boolean.toString(v.booleanValue());
            } else {
                throw new InvalidDefinitionException(path + "." + e.getKey(), "must be a string, number or boolean");
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    public static ObjectNode toJson(BotDefinition d) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", d.id());
        root.put("strategy", d.strategy());
        root.put("wallet", d.wallet());
        if (d.venue() != null) {
            root.put("venue", d.venue());
        }
        d.markets().forEach(root.putArray("markets")::add);
        ObjectNode params = root.putObject("params");
        d.params().forEach(params::put);
        ObjectNode overrides = root.putObject("overrides");
        d.overrides().forEach((market, values) -> {
            ObjectNode m = overrides.putObject(market);
            values.forEach(m::put);
        });
        root.put("enabled", d.enabled());
        return root;
    }

    public static String write(BotDefinition d) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BotDefinitionJson() {
    }
}
