package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.injective.ProtoJsonEncoder.Kind;
import io.mmplatform.common.injective.ProtoJsonEncoder.Schema;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a Cosmos message in proto3 JSON form ({@code {"@type": "/cosmos.bank.v1beta1.MsgSend", "from_address": ..}})
 * into the {@link ProtoAny} that goes into a TxBody. Field numbers follow the chain's .proto files
 * (cosmos/bank/v1beta1/tx.proto, injective/exchange/v1beta1/{tx,exchange}.proto, injective/exchange/v2/{tx,order}.proto).
 *
 * <p>Decimal fields (price, quantity, margin, trigger_price) are LegacyDec in both exchange versions and go on the wire
 * 10^18-scaled; what differs is the unit of the JSON value: v2 takes human price/quantity, v1beta1 chain format
 * (spot price x 10^(quote-base decimals), derivative price x 10^quote decimals). This class does not convert units.
 */
public final class InjectiveMessages {
    /** OrderType, identical in v1beta1 and v2. */
    public static final Map<String, Integer> ORDER_TYPES = Map.ofEntries(
            Map.entry("UNSPECIFIED", 0), Map.entry("BUY", 1), Map.entry("SELL", 2),
            Map.entry("STOP_BUY", 3), Map.entry("STOP_SELL", 4), Map.entry("TAKE_BUY", 5), Map.entry("TAKE_SELL", 6),
            Map.entry("BUY_PO", 7), Map.entry("SELL_PO", 8), Map.entry("BUY_ATOMIC", 9), Map.entry("SELL_ATOMIC", 10));

    private static final Map<String, Schema> MESSAGES = registry();

    /** Encodes one message; IllegalArgumentException naming the unknown {@code @type} or field, or the bad value. */
    public static ProtoAny encode(JsonNode message) {
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException("a message must be a JSON object with an @type");
        }
        JsonNode type = message.get("@type");
        if (type == null || !type.isTextual() || type.textValue().isEmpty()) {
            throw new IllegalArgumentException("message has no @type: " + message);
        }
        Schema schema = MESSAGES.get(type.textValue());
        if (schema == null) {
            throw new IllegalArgumentException("unsupported message @type '" + type.textValue() + "' (supported: "
                    + String.join(", ", MESSAGES.keySet()) + ")");
        }
        return new ProtoAny(type.textValue(), ProtoJsonEncoder.encode(schema, message, type.textValue(), "@type"));
    }

    public static Set<String> supportedTypes() {
        return MESSAGES.keySet();
    }

    private static Map<String, Schema> registry() {
        Map<String, Schema> out = new TreeMap<>();
        Schema coin = new Schema("cosmos.base.v1beta1.Coin")
                .field("denom", 1, Kind.STRING)
                .field("amount", 2, Kind.INT);
        out.put("/cosmos.bank.v1beta1.MsgSend", new Schema("cosmos.bank.v1beta1.MsgSend")
                .field("from_address", 1, Kind.STRING)
                .field("to_address", 2, Kind.STRING)
                .repeatedMessage("amount", 3, coin));
        exchange(out, "injective.exchange.v1beta1", false);
        exchange(out, "injective.exchange.v2", true);
        return Collections.unmodifiableMap(out); // sorted, so error messages list types in order
    }

    private static void exchange(Map<String, Schema> out, String pkg, boolean v2) {
        Schema orderInfo = new Schema(pkg + ".OrderInfo")
                .field("subaccount_id", 1, Kind.STRING)
                .field("fee_recipient", 2, Kind.STRING)
                .field("price", 3, Kind.DEC)
                .field("quantity", 4, Kind.DEC)
                .field("cid", 5, Kind.STRING);
        Schema spotOrder = new Schema(pkg + ".SpotOrder")
                .field("market_id", 1, Kind.STRING)
                .message("order_info", 2, orderInfo)
                .enumField("order_type", 3, ORDER_TYPES)
                .field("trigger_price", 4, Kind.DEC);
        Schema derivativeOrder = new Schema(pkg + ".DerivativeOrder")
                .field("market_id", 1, Kind.STRING)
                .message("order_info", 2, orderInfo)
                .enumField("order_type", 3, ORDER_TYPES)
                .field("margin", 4, Kind.DEC)
                .field("trigger_price", 5, Kind.DEC);
        if (v2) {
            spotOrder.field("expiration_block", 5, Kind.INT64);
            derivativeOrder.field("expiration_block", 6, Kind.INT64);
        }
        Schema orderData = new Schema(pkg + ".OrderData")
                .field("market_id", 1, Kind.STRING)
                .field("subaccount_id", 2, Kind.STRING)
                .field("order_hash", 3, Kind.STRING)
                .field("order_mask", 4, Kind.INT32)
                .field("cid", 5, Kind.STRING);

        Schema batchUpdate = new Schema(pkg + ".MsgBatchUpdateOrders")
                .field("sender", 1, Kind.STRING)
                .field("subaccount_id", 2, Kind.STRING)
                .repeated("spot_market_ids_to_cancel_all", 3, Kind.STRING)
                .repeated("derivative_market_ids_to_cancel_all", 4, Kind.STRING)
                .repeatedMessage("spot_orders_to_cancel", 5, orderData)
                .repeatedMessage("derivative_orders_to_cancel", 6, orderData)
                .repeatedMessage("spot_orders_to_create", 7, spotOrder)
                .repeatedMessage("derivative_orders_to_create", 8, derivativeOrder)
                .repeatedMessage("binary_options_orders_to_cancel", 9, orderData)
                .repeated("binary_options_market_ids_to_cancel_all", 10, Kind.STRING)
                .repeatedMessage("binary_options_orders_to_create", 11, derivativeOrder);
        if (v2) {
            batchUpdate.repeatedMessage("spot_market_orders_to_create", 12, spotOrder)
                    .repeatedMessage("derivative_market_orders_to_create", 13, derivativeOrder)
                    .repeatedMessage("binary_options_market_orders_to_create", 14, derivativeOrder);
        }
        put(out, batchUpdate);
        put(out, new Schema(pkg + ".MsgCreateSpotLimitOrder")
                .field("sender", 1, Kind.STRING)
                .message("order", 2, spotOrder));
        put(out, new Schema(pkg + ".MsgCreateDerivativeLimitOrder")
                .field("sender", 1, Kind.STRING)
                .message("order", 2, derivativeOrder));
        put(out, new Schema(pkg + ".MsgCancelSpotOrder")
                .field("sender", 1, Kind.STRING)
                .field("market_id", 2, Kind.STRING)
                .field("subaccount_id", 3, Kind.STRING)
                .field("order_hash", 4, Kind.STRING)
                .field("cid", 5, Kind.STRING));
        put(out, new Schema(pkg + ".MsgCancelDerivativeOrder")
                .field("sender", 1, Kind.STRING)
                .field("market_id", 2, Kind.STRING)
                .field("subaccount_id", 3, Kind.STRING)
                .field("order_hash", 4, Kind.STRING)
                .field("order_mask", 5, Kind.INT32)
                .field("cid", 6, Kind.STRING));
        put(out, new Schema(pkg + ".MsgBatchCancelSpotOrders")
                .field("sender", 1, Kind.STRING)
                .repeatedMessage("data", 2, orderData));
        put(out, new Schema(pkg + ".MsgBatchCancelDerivativeOrders")
                .field("sender", 1, Kind.STRING)
                .repeatedMessage("data", 2, orderData));
    }

    private static void put(Map<String, Schema> out, Schema schema) {
        out.put("/" + schema.name(), schema);
    }

    private InjectiveMessages() {
    }
}
