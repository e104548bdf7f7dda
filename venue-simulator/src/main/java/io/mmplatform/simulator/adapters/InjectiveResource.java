package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.InjectiveChain;
import io.mmplatform.simulator.domain.InjectiveMarket;
import io.mmplatform.simulator.domain.PriceTick;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The Injective LCD (REST) dialect: Cosmos auth and tx endpoints, exchange v2 queries, and two simulator helpers
 * under /sim/injective. Thin: the chain ({@link InjectiveChain}) decides, {@link InjectivePayloads} shapes. Everything
 * answers 404 when the dialect is off. Errors use the gRPC-gateway body {@code {"code","message","details"}}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class InjectiveResource {
    private static final int GRPC_INVALID_ARGUMENT = 3;
    private static final int GRPC_NOT_FOUND = 5;
    private static final int DEFAULT_BOOK_LIMIT = 100;

    @Inject
    SimulatorRuntime runtime;

    // ---- cosmos ----

    @GET
    @Path("cosmos/auth/v1beta1/accounts/{address}")
    public Response account(@PathParam("address") String address) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        try {
            return ok(InjectivePayloads.account(chain.account(address)));
        } catch (IllegalArgumentException e) {
            return error(400, GRPC_INVALID_ARGUMENT, "decoding bech32 failed: " + e.getMessage());
        }
    }

    @POST
    @Path("cosmos/tx/v1beta1/txs")
    @Consumes(MediaType.WILDCARD)
    public Response broadcast(String body) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !request.isObject() || !request.path("tx_bytes").isTextual()) {
            return error(400, GRPC_INVALID_ARGUMENT, "body must be {\"tx_bytes\":\"<base64>\",\"mode\":..}");
        }
        String mode = request.path("mode").asText("BROADCAST_MODE_SYNC");
        if (!mode.equals("BROADCAST_MODE_SYNC") && !mode.equals("BROADCAST_MODE_ASYNC")) {
            return error(400, GRPC_INVALID_ARGUMENT, "unsupported broadcast mode " + mode
                    + " (BROADCAST_MODE_SYNC or BROADCAST_MODE_ASYNC)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(request.get("tx_bytes").textValue());
        } catch (IllegalArgumentException e) {
            return error(400, GRPC_INVALID_ARGUMENT, "tx_bytes is not base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            return error(400, GRPC_INVALID_ARGUMENT, "invalid empty tx");
        }
        return ok(InjectivePayloads.broadcast(chain.broadcast(bytes, System.currentTimeMillis())));
    }

    /** Gas estimate: the ante checks without signature or sequence use; a refusal answers 400 with its raw_log. */
    @POST
    @Path("cosmos/tx/v1beta1/simulate")
    @Consumes(MediaType.WILDCARD)
    public Response simulate(String body) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            request = null;
        }
        byte[] bytes;
        try {
            bytes = request == null ? null : Base64.getDecoder().decode(request.path("tx_bytes").asText(""));
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length == 0) {
            return error(400, GRPC_INVALID_ARGUMENT, "body must be {\"tx_bytes\":\"<base64>\"}");
        }
        InjectiveChain.Simulated simulated = chain.simulate(bytes);
        if (simulated.refusal() != null) {
            return error(400, GRPC_INVALID_ARGUMENT, simulated.refusal().rawLog());
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode gas = root.putObject("gas_info");
        gas.put("gas_wanted", "0");
        gas.put("gas_used", String.valueOf(simulated.gasUsed()));
        ObjectNode result = root.putObject("result");
        result.put("data", "");
        result.put("log", "");
        result.putArray("events");
        result.putArray("msg_responses");
        return ok(root.toString());
    }

    @GET
    @Path("cosmos/tx/v1beta1/txs/{hash}")
    public Response tx(@PathParam("hash") String hash) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        InjectiveChain.TxResult result = chain.tx(hash);
        if (result == null) {
            return error(404, GRPC_NOT_FOUND, "tx not found: " + hash);
        }
        return ok(InjectivePayloads.tx(result));
    }

    /** The latest block header: height, time and chain id (clients use it for timeout heights). */
    @GET
    @Path("cosmos/base/tendermint/v1beta1/blocks/latest")
    public Response latestBlock() {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode header = root.putObject("block").putObject("header");
        header.put("chain_id", chain.settings().chainId());
        header.put("height", String.valueOf(chain.height()));
        header.put("time", Instant.ofEpochMilli(chain.lastBlockMs()).toString());
        return ok(root.toString());
    }

    // ---- exchange v2 ----

    @GET
    @Path("injective/exchange/v2/{kind}/markets")
    public Response markets(@PathParam("kind") String kind) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode markets = root.putArray("markets");
        for (InjectiveMarket m : chain.markets()) {
            if (market(chain, kind, m.marketId()) != null) {
                markets.add(marketJson(chain, m));
            }
        }
        return ok(root.toString());
    }

    @GET
    @Path("injective/exchange/v2/{kind}/markets/{marketId}")
    public Response market(@PathParam("kind") String kind, @PathParam("marketId") String marketId) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        InjectiveMarket m = market(chain, kind, marketId);
        if (m == null) {
            return marketNotFound(marketId);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("market", marketJson(chain, m));
        return ok(root.toString());
    }

    private ObjectNode marketJson(InjectiveChain chain, InjectiveMarket m) {
        return m.kind() == InjectiveMarket.Kind.SPOT ? InjectivePayloads.spotMarket(m, runtime.settings().engine())
                : derivative(chain, m);
    }

    private ObjectNode derivative(InjectiveChain chain, InjectiveMarket m) {
        PriceTick ref = runtime.simulation().latestTick(m.engineCoin());
        BigDecimal mark = ref.price().setScale(m.minPriceTickSize().scale(), java.math.RoundingMode.HALF_EVEN);
        return InjectivePayloads.derivativeMarket(m, runtime.settings().engine(), mark, chain.topOfBook(m));
    }

    @GET
    @Path("injective/exchange/v2/{kind}/mid_price_and_tob/{marketId}")
    public Response midPriceAndTob(@PathParam("kind") String kind, @PathParam("marketId") String marketId) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        InjectiveMarket m = market(chain, kind, marketId);
        if (m == null) {
            return marketNotFound(marketId);
        }
        return ok(InjectivePayloads.tob(chain.topOfBook(m)).toString());
    }

    @GET
    @Path("injective/exchange/v2/{kind}/orderbook/{marketId}")
    public Response orderbook(@PathParam("kind") String kind, @PathParam("marketId") String marketId,
                              @QueryParam("limit") Integer limit) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        InjectiveMarket m = market(chain, kind, marketId);
        if (m == null) {
            return marketNotFound(marketId);
        }
        int depth = limit == null || limit <= 0 ? DEFAULT_BOOK_LIMIT : limit;
        return ok(InjectivePayloads.orderbook(chain.orderbook(m, depth), chain.height()));
    }

    @GET
    @Path("injective/exchange/v2/{kind}/orders/{marketId}/{subaccountId}")
    public Response orders(@PathParam("kind") String kind, @PathParam("marketId") String marketId,
                           @PathParam("subaccountId") String subaccountId) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        InjectiveMarket m = market(chain, kind, marketId);
        if (m == null) {
            return marketNotFound(marketId);
        }
        if (InjectiveChain.ownerOf(subaccountId) == null) {
            return error(400, GRPC_INVALID_ARGUMENT, "invalid subaccount id " + subaccountId);
        }
        return ok(InjectivePayloads.orders(chain.orders(m, subaccountId),
                m.kind() == InjectiveMarket.Kind.DERIVATIVE));
    }

    @GET
    @Path("injective/exchange/v2/positions/{subaccountId}")
    public Response positions(@PathParam("subaccountId") String subaccountId) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        if (InjectiveChain.ownerOf(subaccountId) == null) {
            return error(400, GRPC_INVALID_ARGUMENT, "invalid subaccount id " + subaccountId);
        }
        return ok(InjectivePayloads.positions(chain.positions(subaccountId)));
    }

    // ---- simulator helpers ----

    /** Fills of a subaccount (the chain has no trades query; the indexer's shape, roughly). */
    @GET
    @Path("sim/injective/trades/{subaccountId}")
    public Response trades(@PathParam("subaccountId") String subaccountId, @QueryParam("market_id") String marketId,
                           @QueryParam("limit") Integer limit) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        if (InjectiveChain.ownerOf(subaccountId) == null) {
            return error(400, GRPC_INVALID_ARGUMENT, "invalid subaccount id " + subaccountId);
        }
        InjectiveMarket only = null;
        if (marketId != null && !marketId.isEmpty()) {
            only = chain.market(marketId);
            if (only == null) {
                return marketNotFound(marketId);
            }
        }
        int n = limit == null || limit <= 0 ? 1000 : Math.min(limit, 10_000);
        return ok(InjectivePayloads.trades(chain.trades(subaccountId, only, n)));
    }

    /** Funds (creates) an account: {"address":"inj1.."}; answers the account as /cosmos/auth shows it. */
    @POST
    @Path("sim/injective/fund")
    @Consumes(MediaType.WILDCARD)
    public Response fund(String body) {
        InjectiveChain chain = runtime.injective();
        if (chain == null) {
            return off();
        }
        try {
            JsonNode request = Json.MAPPER.readTree(body == null ? "" : body);
            return ok(InjectivePayloads.account(chain.account(request.path("address").asText(""))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return error(400, GRPC_INVALID_ARGUMENT, "body must be {\"address\":\"inj1..\"}: " + e.getMessage());
        }
    }

    private static InjectiveMarket market(InjectiveChain chain, String kind, String marketId) {
        InjectiveMarket m = chain.market(marketId);
        if (m == null) {
            return null;
        }
        String k = kind.toLowerCase(Locale.ROOT);
        boolean matches = (k.equals("spot") && m.kind() == InjectiveMarket.Kind.SPOT)
                || (k.equals("derivative") && m.kind() == InjectiveMarket.Kind.DERIVATIVE);
        return matches ? m : null;
    }

    private static Response marketNotFound(String marketId) {
        return error(404, GRPC_NOT_FOUND, "market " + marketId + " not found");
    }

    private static Response off() {
        return error(404, GRPC_NOT_FOUND, "the Injective dialect is off (simulator.injective.enabled)");
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(int status, int grpcCode, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(InjectivePayloads.error(grpcCode, message)).build();
    }
}
