package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.PriceTick;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pyth Hermes v2 price update payloads: {binary:{encoding, data:[..]}, parsed:[{id, price, ema_price, metadata}]}.
 * The binary part is the simulator's own compact encoding (magic "PNAU", then per feed: id, price, conf, expo,
 * publish time), not a Wormhole-signed accumulator update: it has the shape, not the proof.
 */
public final class HermesPayloads {
    private final Map<String, String> coinByFeedId = new LinkedHashMap<>();

    public HermesPayloads(List<MarketSpec> markets) {
        for (MarketSpec m : markets) {
            coinByFeedId.put(m.feedId(), m.name());
        }
    }

    /** Result of resolving the ids of a request: coins found (in request order) and ids not found. */
    public record Resolved(List<String> coins, List<String> unknown) {
    }

    public Resolved resolve(List<String> ids) {
        List<String> coins = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (id.startsWith("0x")) {
                id = id.substring(2);
            }
            String coin = coinByFeedId.get(id);
            if (coin == null) {
                unknown.add(raw);
            } else if (!coins.contains(coin)) {
                coins.add(coin);
            }
        }
        return new Resolved(coins, unknown);
    }

    /** The Hermes 404 text for ids it does not know. */
    public static String notFound(List<String> unknown) {
        return "Price ids not found: " + String.join(", ", unknown);
    }

    /** Payload for the given ticks (one per feed), like GET /v2/updates/price/latest. */
    public String payload(List<PriceTick> ticks, boolean parsed, boolean base64) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode binary = root.putObject("binary");
        binary.put("encoding", base64 ? "base64" : "hex");
        byte[] data = binary(ticks);
        binary.putArray("data").add(base64 ? Base64.getEncoder().encodeToString(data) : HexFormat.of().formatHex(data));
        if (parsed) {
            ArrayNode arr = root.putArray("parsed");
            for (PriceTick t : ticks) {
                ObjectNode n = arr.addObject();
                n.put("id", t.feedId());
                long publish = t.publishTimeMs() / 1000;
                ObjectNode price = n.putObject("price");
                price.put("price", Long.toString(t.priceE8()));
                price.put("conf", Long.toString(t.confE8()));
                price.put("expo", PriceTick.EXPO);
                price.put("publish_time", publish);
                ObjectNode ema = n.putObject("ema_price");
                ema.put("price", Long.toString(t.emaPriceE8()));
                ema.put("conf", Long.toString(t.emaConfE8()));
                ema.put("expo", PriceTick.EXPO);
                ema.put("publish_time", publish);
                ObjectNode meta = n.putObject("metadata");
                meta.put("slot", t.slot());
                meta.put("proof_available_time", publish);
                meta.put("prev_publish_time", t.prevPublishTimeMs() / 1000);
            }
        }
        return root.toString();
    }

    private static byte[] binary(List<PriceTick> ticks) {
        ByteBuffer buf = ByteBuffer.allocate(4 + ticks.size() * (32 + 8 + 8 + 4 + 8));
        buf.put("PNAU".getBytes(StandardCharsets.US_ASCII));
        for (PriceTick t : ticks) {
            buf.put(HexFormat.of().parseHex(t.feedId()));
            buf.putLong(t.priceE8());
            buf.putLong(t.confE8());
            buf.putInt(PriceTick.EXPO);
            buf.putLong(t.publishTimeMs() / 1000);
        }
        return buf.array();
    }
}
