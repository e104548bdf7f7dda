package io.mmplatform.common.injective;

import java.math.BigDecimal;
import java.util.List;

/**
 * Messages of a decoded transaction body, for the types {@link InjectiveMessages} encodes. Decimal fields (LegacyDec on
 * the wire) come back as exact BigDecimals (wire integer / 10^18); a nullable decimal that is absent is null. What the
 * value means depends on {@link ExchangeVersion}: v2 carries human price/quantity, v1beta1 chain format (spot price x
 * 10^(quote - base decimals), derivative price x 10^quote decimals). No unit conversion happens here.
 */
public sealed interface DecodedMsg {

    /** The Any type url the message came in. */
    String typeUrl();

    enum ExchangeVersion {
        V1BETA1("injective.exchange.v1beta1"), V2("injective.exchange.v2");

        private final String protoPackage;

        ExchangeVersion(String protoPackage) {
            this.protoPackage = protoPackage;
        }

        public String protoPackage() {
            return protoPackage;
        }
    }

    record MsgSend(String typeUrl, String fromAddress, String toAddress, List<Coin> amount) implements DecodedMsg {
    }

    record OrderInfo(String subaccountId, String feeRecipient, BigDecimal price, BigDecimal quantity, String cid) {
    }

    /** orderType per {@link InjectiveMessages#ORDER_TYPES} (BUY 1, SELL 2, BUY_PO 7, SELL_PO 8); expirationBlock v2 only. */
    record SpotOrder(String marketId, OrderInfo orderInfo, int orderType, BigDecimal triggerPrice,
                     long expirationBlock) {
    }

    record DerivativeOrder(String marketId, OrderInfo orderInfo, int orderType, BigDecimal margin,
                           BigDecimal triggerPrice, long expirationBlock) {
    }

    record OrderData(String marketId, String subaccountId, String orderHash, int orderMask, String cid) {
    }

    /** v2-only fields (market orders to create) are empty for v1beta1. */
    record BatchUpdateOrders(String typeUrl, ExchangeVersion version, String sender, String subaccountId,
                             List<String> spotMarketIdsToCancelAll, List<String> derivativeMarketIdsToCancelAll,
                             List<OrderData> spotOrdersToCancel, List<OrderData> derivativeOrdersToCancel,
                             List<SpotOrder> spotOrdersToCreate, List<DerivativeOrder> derivativeOrdersToCreate,
                             List<OrderData> binaryOptionsOrdersToCancel,
                             List<String> binaryOptionsMarketIdsToCancelAll,
                             List<DerivativeOrder> binaryOptionsOrdersToCreate,
                             List<SpotOrder> spotMarketOrdersToCreate,
                             List<DerivativeOrder> derivativeMarketOrdersToCreate,
                             List<DerivativeOrder> binaryOptionsMarketOrdersToCreate) implements DecodedMsg {
    }

    record CreateSpotLimitOrder(String typeUrl, ExchangeVersion version, String sender, SpotOrder order)
            implements DecodedMsg {
    }

    record CreateDerivativeLimitOrder(String typeUrl, ExchangeVersion version, String sender, DerivativeOrder order)
            implements DecodedMsg {
    }

    record CancelSpotOrder(String typeUrl, ExchangeVersion version, String sender, String marketId,
                           String subaccountId, String orderHash, String cid) implements DecodedMsg {
    }

    record CancelDerivativeOrder(String typeUrl, ExchangeVersion version, String sender, String marketId,
                                 String subaccountId, String orderHash, int orderMask, String cid)
            implements DecodedMsg {
    }

    record BatchCancelSpotOrders(String typeUrl, ExchangeVersion version, String sender, List<OrderData> data)
            implements DecodedMsg {
    }

    record BatchCancelDerivativeOrders(String typeUrl, ExchangeVersion version, String sender, List<OrderData> data)
            implements DecodedMsg {
    }

    /** A type this decoder does not know: kept as raw bytes. */
    record Unknown(String typeUrl, byte[] value) implements DecodedMsg {
        public Unknown {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }
}
