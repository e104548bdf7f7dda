package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.DecodedMsg;
import io.mmplatform.common.injective.InjectiveKeys;
import io.mmplatform.common.injective.InjectiveTxDecoder.DecodedTx;
import io.mmplatform.simulator.domain.EngineSettings;
import io.mmplatform.simulator.domain.InjectiveChain;
import io.mmplatform.simulator.domain.InjectiveMarket;
import io.mmplatform.simulator.domain.L2Level;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Injective LCD's JSON shapes (gRPC-gateway, proto field names): Cosmos auth accounts and tx responses, exchange
 * v2 queries. Decimals are LegacyDec strings with 18 decimals and human units, as the v2 queries print them; 64-bit
 * integers are strings.
 */
final class InjectivePayloads {
    static final String ETH_ACCOUNT = "/injective.types.v1beta1.EthAccount";
    /** keccak256 of empty code, as EthAccount shows for a plain account. */
    static final String EMPTY_CODE_HASH = "xdJGAYb3IzySfn2y3McDwOUAtlPKgic7e/rYBF2FpHA=";

    private InjectivePayloads() {
    }

    /** LegacyDec JSON: 18 decimals; null stays null. */
    static String dec(BigDecimal value) {
        return value == null ? null : value.setScale(18, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** gRPC-gateway error body. */
    static String error(int grpcCode, String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("code", grpcCode);
        n.put("message", message);
        n.putArray("details");
        return n.toString();
    }

    static String account(InjectiveChain.AccountState a) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode account = root.putObject("account");
        account.put("@type", ETH_ACCOUNT);
        ObjectNode base = account.putObject("base_account");
        base.put("address", a.address());
        if (a.publicKey() == null) {
            base.putNull("pub_key");
        } else {
            ObjectNode key = base.putObject("pub_key");
            key.put("@type", InjectiveKeys.PUB_KEY_TYPE_URL);
            key.put("key", Base64.getEncoder().encodeToString(a.publicKey()));
        }
        base.put("account_number", String.valueOf(a.accountNumber()));
        base.put("sequence", String.valueOf(a.sequence()));
        account.put("code_hash", EMPTY_CODE_HASH);
        return root.toString();
    }

    /** BroadcastTxResponse of a sync broadcast: CheckTx only, so height 0 and no gas or events yet. */
    static String broadcast(InjectiveChain.BroadcastResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode t = root.putObject("tx_response");
        t.put("height", "0");
        t.put("txhash", r.txhash());
        t.put("codespace", r.codespace());
        t.put("code", r.code());
        t.put("data", "");
        t.put("raw_log", r.rawLog());
        t.putArray("logs");
        t.put("info", "");
        t.put("gas_wanted", "0");
        t.put("gas_used", "0");
        t.putNull("tx");
        t.put("timestamp", "");
        t.putArray("events");
        return root.toString();
    }

    /** GetTxResponse: {tx, tx_response}; tx_response.msg_responses is the simulator's readable form of data. */
    static String tx(InjectiveChain.TxResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode tx = txJson(r.tx());
        root.set("tx", tx);
        ObjectNode t = root.putObject("tx_response");
        t.put("height", String.valueOf(r.height()));
        t.put("txhash", r.txhash());
        t.put("codespace", r.codespace());
        t.put("code", r.code());
        t.put("data", "");
        t.put("raw_log", r.rawLog());
        t.putArray("logs");
        t.put("info", "");
        t.put("gas_wanted", String.valueOf(r.gasWanted()));
        t.put("gas_used", String.valueOf(r.gasUsed()));
        ObjectNode txAny = tx.deepCopy();
        txAny.put("@type", "/cosmos.tx.v1beta1.Tx");
        t.set("tx", txAny);
        t.put("timestamp", Instant.ofEpochMilli(r.blockTimeMs()).toString());
        ArrayNode events = t.putArray("events");
        for (InjectiveChain.Event e : r.events()) {
            ObjectNode ev = events.addObject();
            ev.put("type", e.type());
            ArrayNode attrs = ev.putArray("attributes");
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                ObjectNode attr = attrs.addObject();
                attr.put("key", a.getKey());
                attr.put("value", a.getValue());
                attr.put("index", true);
            }
        }
        ArrayNode responses = t.putArray("msg_responses");
        List<DecodedMsg> messages = r.tx().messages();
        for (int i = 0; i < r.msgResponses().size(); i++) {
            ObjectNode resp = Json.MAPPER.valueToTree(r.msgResponses().get(i));
            ObjectNode out = responses.addObject();
            out.put("@type", messages.get(i).typeUrl() + "Response");
            out.setAll(resp);
        }
        return root.toString();
    }

    /** The transaction with its messages named by type only (the simulator does not re-render message fields). */
    private static ObjectNode txJson(DecodedTx tx) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode body = n.putObject("body");
        ArrayNode messages = body.putArray("messages");
        for (DecodedMsg m : tx.messages()) {
            messages.addObject().put("@type", m.typeUrl());
        }
        body.put("memo", tx.memo() == null ? "" : tx.memo());
        body.put("timeout_height", String.valueOf(tx.timeoutHeight()));
        ObjectNode auth = n.putObject("auth_info");
        ArrayNode signers = auth.putArray("signer_infos");
        ObjectNode signer = signers.addObject();
        ObjectNode key = signer.putObject("public_key");
        key.put("@type", tx.signer().publicKeyTypeUrl());
        key.put("key", Base64.getEncoder().encodeToString(tx.publicKey()));
        signer.putObject("mode_info").putObject("single").put("mode", "SIGN_MODE_DIRECT");
        signer.put("sequence", String.valueOf(tx.sequence()));
        ObjectNode fee = auth.putObject("fee");
        ArrayNode amount = fee.putArray("amount");
        tx.fee().amount().forEach(c -> amount.addObject().put("denom", c.denom()).put("amount", c.amount()));
        fee.put("gas_limit", String.valueOf(tx.gasLimit()));
        fee.put("payer", tx.fee().payer() == null ? "" : tx.fee().payer());
        fee.put("granter", tx.fee().granter() == null ? "" : tx.fee().granter());
        ArrayNode sigs = n.putArray("signatures");
        tx.signatures().forEach(s -> sigs.add(Base64.getEncoder().encodeToString(s)));
        return n;
    }

    static ObjectNode spotMarket(InjectiveMarket m, EngineSettings fees) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("ticker", m.ticker());
        n.put("base_denom", m.baseDenom());
        n.put("quote_denom", m.quoteDenom());
        n.put("maker_fee_rate", dec(fees.makerFee()));
        n.put("taker_fee_rate", dec(fees.takerFee()));
        n.put("relayer_fee_share_rate", dec(BigDecimal.ZERO));
        n.put("market_id", m.marketId());
        n.put("status", "Active");
        n.put("min_price_tick_size", dec(m.minPriceTickSize()));
        n.put("min_quantity_tick_size", dec(m.minQuantityTickSize()));
        n.put("min_notional", dec(m.minNotional()));
        n.put("admin", "");
        n.put("admin_permissions", 0);
        n.put("base_decimals", m.baseDecimals());
        n.put("quote_decimals", m.quoteDecimals());
        return n;
    }

    static ObjectNode derivativeMarket(InjectiveMarket m, EngineSettings fees, BigDecimal markPrice,
                                       InjectiveChain.TopOfBook tob) {
        ObjectNode full = Json.MAPPER.createObjectNode();
        ObjectNode n = full.putObject("market");
        n.put("ticker", m.ticker());
        n.put("oracle_base", m.oracleBase());
        n.put("oracle_quote", m.oracleQuote());
        n.put("oracle_type", "Pyth");
        n.put("oracle_scale_factor", 0);
        n.put("quote_denom", m.quoteDenom());
        n.put("market_id", m.marketId());
        n.put("initial_margin_ratio", dec(m.initialMarginRatio()));
        n.put("maintenance_margin_ratio", dec(m.maintenanceMarginRatio()));
        n.put("maker_fee_rate", dec(fees.makerFee()));
        n.put("taker_fee_rate", dec(fees.takerFee()));
        n.put("relayer_fee_share_rate", dec(BigDecimal.ZERO));
        n.put("isPerpetual", true);
        n.put("status", "Active");
        n.put("min_price_tick_size", dec(m.minPriceTickSize()));
        n.put("min_quantity_tick_size", dec(m.minQuantityTickSize()));
        n.put("min_notional", dec(m.minNotional()));
        n.put("admin", "");
        n.put("admin_permissions", 0);
        n.put("quote_decimals", m.quoteDecimals());
        ObjectNode perpetual = full.putObject("perpetual_info");
        ObjectNode info = perpetual.putObject("market_info");
        info.put("market_id", m.marketId());
        info.put("hourly_funding_rate_cap", dec(new BigDecimal("0.000625")));
        info.put("hourly_interest_rate", dec(BigDecimal.ZERO));
        info.put("next_funding_timestamp", "0");
        info.put("funding_interval", "3600");
        ObjectNode funding = perpetual.putObject("funding_info");
        funding.put("cumulative_funding", dec(BigDecimal.ZERO));
        funding.put("cumulative_price", dec(BigDecimal.ZERO));
        funding.put("last_timestamp", "0");
        full.put("mark_price", dec(markPrice));
        full.set("mid_price_and_tob", tob(tob));
        return full;
    }

    static ObjectNode tob(InjectiveChain.TopOfBook t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("mid_price", dec(t.mid()));
        n.put("best_buy_price", dec(t.bestBuy()));
        n.put("best_sell_price", dec(t.bestSell()));
        return n;
    }

    static String orderbook(List<List<L2Level>> book, long seq) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        levels(n.putArray("buys_price_level"), book.get(0));
        levels(n.putArray("sells_price_level"), book.get(1));
        n.put("seq", String.valueOf(seq));
        return n.toString();
    }

    private static void levels(ArrayNode out, List<L2Level> levels) {
        for (L2Level l : levels) {
            out.addObject().put("p", dec(l.px())).put("q", dec(l.sz()));
        }
    }

    static String orders(List<InjectiveChain.OpenOrder> orders, boolean derivative) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("orders");
        for (InjectiveChain.OpenOrder o : orders) {
            ObjectNode n = arr.addObject();
            n.put("price", dec(o.price()));
            n.put("quantity", dec(o.quantity()));
            if (derivative) {
                n.put("margin", dec(o.margin() == null ? BigDecimal.ZERO : o.margin()));
            }
            n.put("fillable", dec(o.fillable()));
            n.put("isBuy", o.isBuy());
            n.put("order_hash", o.orderHash());
            n.put("cid", o.cid());
        }
        return root.toString();
    }

    static String positions(List<InjectiveChain.PositionView> positions) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("state");
        for (InjectiveChain.PositionView p : positions) {
            ObjectNode n = arr.addObject();
            n.put("subaccount_id", p.subaccountId());
            n.put("market_id", p.market().marketId());
            ObjectNode pos = n.putObject("position");
            pos.put("isLong", p.isLong());
            pos.put("quantity", dec(p.quantity()));
            pos.put("entry_price", dec(p.entryPrice()));
            pos.put("margin", dec(p.margin()));
            pos.put("cumulative_funding_entry", dec(BigDecimal.ZERO));
        }
        return root.toString();
    }

    /** The indexer's trade shape, roughly: the chain itself has no trades query. */
    static String trades(List<InjectiveChain.TradeView> trades) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("trades");
        for (InjectiveChain.TradeView t : trades) {
            ObjectNode n = arr.addObject();
            n.put("trade_id", String.valueOf(t.tradeId()));
            n.put("market_id", t.market().marketId());
            n.put("subaccount_id", t.subaccountId());
            n.put("order_hash", t.orderHash());
            n.put("cid", t.cid());
            n.put("trade_direction", t.isBuy() ? "buy" : "sell");
            n.put("execution_side", t.isMaker() ? "maker" : "taker");
            n.put("price", t.price().toPlainString());
            n.put("quantity", t.quantity().toPlainString());
            n.put("fee", t.fee().toPlainString());
            n.put("realized_pnl", t.realizedPnl().toPlainString());
            n.put("executed_at", t.executedAtMs());
        }
        return root.toString();
    }
}
