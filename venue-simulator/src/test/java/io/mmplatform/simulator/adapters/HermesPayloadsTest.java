package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.PriceTick;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HermesPayloadsTest {
    static JsonNode vector() throws Exception {
        try (InputStream in = HermesPayloadsTest.class.getResourceAsStream("/vectors/pyth-hermes.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    static Set<String> paths(JsonNode node, String prefix) {
        Set<String> out = new TreeSet<>();
        node.fields().forEachRemaining(e -> {
            out.add(prefix + e.getKey() + ":" + e.getValue().getNodeType());
            if (e.getValue().isObject()) {
                out.addAll(paths(e.getValue(), prefix + e.getKey() + "."));
            }
        });
        return out;
    }

    @Test
    void parsedUpdateHasExactlyTheShapeOfTheRecordedExample() throws Exception {
        JsonNode v = vector();
        String btc = v.get("feedIds").get("BTC/USD").asText();
        HermesPayloads p = new HermesPayloads(List.of(new MarketSpec("BTC", 5, new BigDecimal("61409"), 40, btc)));
        PriceTick tick = new PriceTick("BTC", btc, 6140993501000L, 3287868567L, 6094004700000L, 3792887800L,
                1714746101_500L, 1714746101_100L, 138881186);
        JsonNode root = Json.MAPPER.readTree(p.payload(List.of(tick), true, false));
        JsonNode parsed = root.get("parsed").get(0);
        assertEquals(paths(v.get("parsedExample"), ""), paths(parsed, ""));
        assertEquals("6140993501000", parsed.get("price").get("price").asText());
        assertEquals(1714746101L, parsed.get("price").get("publish_time").asLong());
        assertEquals(-8, parsed.get("ema_price").get("expo").asInt());
        assertEquals(138881186L, parsed.get("metadata").get("slot").asLong());
        assertEquals("hex", root.get("binary").get("encoding").asText());
        assertEquals((4 + 60) * 2, root.get("binary").get("data").get(0).asText().length());

        JsonNode b64 = Json.MAPPER.readTree(p.payload(List.of(tick), false, true));
        assertEquals("base64", b64.get("binary").get("encoding").asText());
        assertEquals(false, b64.has("parsed"));
    }

    @Test
    void idsResolveWithOrWithout0xAndUnknownOnesAreListed() throws Exception {
        JsonNode ids = vector().get("feedIds");
        List<MarketSpec> markets = new ArrayList<>();
        for (String coin : List.of("BTC", "ETH", "SOL", "INJ")) {
            markets.add(new MarketSpec(coin, 2, BigDecimal.TEN, 10, ids.get(coin + "/USD").asText()));
        }
        HermesPayloads p = new HermesPayloads(markets);
        String eth = ids.get("ETH/USD").asText();
        HermesPayloads.Resolved r = p.resolve(List.of("0x" + eth.toUpperCase(), ids.get("INJ/USD").asText(), "0xdead"));
        assertEquals(List.of("ETH", "INJ"), r.coins());
        assertEquals(List.of("0xdead"), r.unknown());
        assertEquals("Price ids not found: 0xdead", HermesPayloads.notFound(r.unknown()));
    }
}
