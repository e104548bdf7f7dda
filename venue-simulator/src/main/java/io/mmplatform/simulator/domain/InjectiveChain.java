package io.mmplatform.simulator.domain;

import io.mmplatform.common.injective.DecodedMsg;
import io.mmplatform.common.injective.DecodedMsg.ExchangeVersion;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveTxDecoder;
import io.mmplatform.common.injective.InjectiveTxDecoder.DecodedTx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The Injective chain in front of the matching engine: accounts (number, sequence, public key), the Cosmos ante
 * checks a broadcast meets (decodable, one signer, public key matches the signer, sequence, SIGN_MODE_DIRECT
 * signature over chain id and account number), a mempool, and blocks every {@link InjectiveSettings#blockTimeMs()}
 * that apply the accepted transactions' exchange messages to the engine in order.
 * <p>
 * Engine accounts of this dialect are keyed by the bech32 address ({@code inj1..}), so they never mix with
 * Hyperliquid's 0x accounts. Order hashes are {@code 0x} + the engine oid as 64 hex digits. Only the default
 * subaccount (index 0) trades. Thread-safe: every public method is synchronized; the engine is reached through the
 * simulation's lock (always taken after this object's, never the other way).
 */
public final class InjectiveChain {
    /** Cosmos SDK codespace and codes the ante handler answers with. */
    public static final String SDK = "sdk";
    public static final int CODE_TX_DECODE = 2;
    public static final int CODE_UNAUTHORIZED = 4;
    public static final int CODE_INVALID_ADDRESS = 7;
    public static final int CODE_INVALID_PUBKEY = 8;
    public static final int CODE_WRONG_SEQUENCE = 32;
    /** Exchange module errors (codespace "exchange"); codes as in its errors.go where known, texts abbreviated. */
    public static final String EXCHANGE = "exchange";
    static final int ORDER_INVALID = 1;
    static final int MARKET_INVALID = 5;
    static final int UNRECOGNIZED_ORDER_TYPE = 7;
    static final int BAD_SUBACCOUNT = 10;
    static final int INVALID_PRICE = 16;
    static final int INVALID_QUANTITY = 17;
    static final int ORDER_DOESNT_EXIST = 19;
    static final int NO_LIQUIDITY = 24;
    static final int INSUFFICIENT_MARGIN = 26;
    static final int POST_ONLY_CROSSES = 47;

    private static final int MAX_RESULTS = 100_000;
    private static final int MAX_CATCH_UP_BLOCKS = 50;
    private static final int MARGIN_PRUNE_THRESHOLD = 10_000;

    /** What a broadcast (CheckTx) answers; code 0 = accepted into the mempool. */
    public record BroadcastResult(String txhash, int code, String codespace, String rawLog) {
        public boolean accepted() {
            return code == 0;
        }
    }

    /** An account as /cosmos/auth shows it; publicKey is null until its first transaction. */
    public record AccountState(String address, long accountNumber, long sequence, byte[] publicKey) {
    }

    /** A chain event: type and ordered attributes. */
    public record Event(String type, Map<String, String> attributes) {
    }

    /**
     * An included transaction (DeliverTx). msgResponses: one map per message in the order of the message's response
     * fields (e.g. MsgBatchUpdateOrdersResponse's spot_order_hashes, created_spot_orders_cids, failed_spot_orders_cids).
     */
    public record TxResult(String txhash, long height, long blockTimeMs, int code, String codespace, String rawLog,
                           long gasWanted, long gasUsed, DecodedTx tx, List<Map<String, Object>> msgResponses,
                           List<Event> events) {
    }

    public record TopOfBook(BigDecimal bestBuy, BigDecimal bestSell, BigDecimal mid) {
    }

    /** An open order of a subaccount, human units; fillable = what is left. margin is null for spot. */
    public record OpenOrder(String orderHash, String cid, boolean isBuy, BigDecimal price, BigDecimal quantity,
                            BigDecimal fillable, BigDecimal margin, long createdAtMs) {
    }

    /** A derivative position; margin is the entry notional x initial margin ratio (margin is not simulated). */
    public record PositionView(InjectiveMarket market, String subaccountId, boolean isLong, BigDecimal quantity,
                               BigDecimal entryPrice, BigDecimal margin) {
    }

    /** One fill of a subaccount. */
    public record TradeView(InjectiveMarket market, String subaccountId, long tradeId, String orderHash, String cid,
                            boolean isBuy, boolean isMaker, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                            BigDecimal realizedPnl, long executedAtMs) {
    }

    private static final class ChainAccount {
        final String address;
        final long number;
        long sequence;
        byte[] publicKey;

        ChainAccount(String address, long number) {
            this.address = address;
            this.number = number;
        }

        AccountState state() {
            return new AccountState(address, number, sequence, publicKey == null ? null : publicKey.clone());
        }
    }

    /** A message that fails: the transaction answers its code and stops there. */
    private static final class MsgFailure extends RuntimeException {
        final int code;

        MsgFailure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final Simulation simulation;
    private final InjectiveSettings settings;
    private final Map<String, InjectiveMarket> byId = new LinkedHashMap<>();
    private final Map<String, InjectiveMarket> byCoin = new HashMap<>();
    private final Map<String, ChainAccount> accounts = new LinkedHashMap<>();
    private final Map<Long, BigDecimal> orderMargins = new HashMap<>();
    private final Map<String, TxResult> results = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TxResult> eldest) {
            return size() > MAX_RESULTS;
        }
    };
    private List<DecodedTx> mempool = new ArrayList<>();
    private final Random faultRandom;
    private double sequenceRaceRate;
    private double droppedBroadcastRate;
    private long nextAccountNumber;
    private long height;
    private long nextBlockMs;
    private long lastBlockMs;
    private long dropped;
    private long raced;

    public InjectiveChain(Simulation simulation, InjectiveSettings settings, long seed, long startMs) {
        this.simulation = simulation;
        this.settings = settings;
        for (InjectiveMarket m : settings.markets()) {
            if (byId.put(m.marketId(), m) != null) {
                throw new IllegalArgumentException("market id " + m.marketId() + " is listed twice");
            }
            byCoin.put(m.engineCoin(), m);
        }
        this.nextAccountNumber = settings.accountNumberBase();
        this.height = settings.startHeight() - 1;
        this.lastBlockMs = startMs;
        this.nextBlockMs = startMs + settings.blockTimeMs();
        this.faultRandom = new Random(seed ^ 0x696e6a656374L);
    }

    public InjectiveSettings settings() {
        return settings;
    }

    public List<InjectiveMarket> markets() {
        return settings.markets();
    }

    /** The market of an id (any case), or null. */
    public InjectiveMarket market(String marketId) {
        return marketId == null ? null : byId.get(marketId.toLowerCase(Locale.ROOT));
    }

    /** Sets the broadcast faults: answered code 32 as if another tx took the sequence; accepted but never included. */
    public synchronized void faults(double sequenceRaceRate, double droppedBroadcastRate) {
        if (!(sequenceRaceRate >= 0 && sequenceRaceRate <= 1 && droppedBroadcastRate >= 0
                && droppedBroadcastRate <= 1)) {
            throw new IllegalArgumentException("fault rates must be within 0..1");
        }
        this.sequenceRaceRate = sequenceRaceRate;
        this.droppedBroadcastRate = droppedBroadcastRate;
    }

    public synchronized double sequenceRaceRate() {
        return sequenceRaceRate;
    }

    public synchronized double droppedBroadcastRate() {
        return droppedBroadcastRate;
    }

    /** The account of a bech32 address, created on first sight (next account number, sequence 0). */
    public synchronized AccountState account(String bech32) {
        return accountOf(bech32).state();
    }

    private ChainAccount accountOf(String bech32) {
        String address = InjectiveAddress.fromBech32(bech32).bech32(); // validates, normalises case
        return accounts.computeIfAbsent(address, a -> {
            simulation.withEngine(engine -> engine.account(a)); // the engine account, with the paper balance
            return new ChainAccount(a, nextAccountNumber++);
        });
    }

    public synchronized int accountCount() {
        return accounts.size();
    }

    public synchronized long height() {
        return height;
    }

    public synchronized long lastBlockMs() {
        return lastBlockMs;
    }

    public synchronized int mempoolSize() {
        return mempool.size();
    }

    public synchronized long droppedBroadcasts() {
        return dropped;
    }

    public synchronized long racedBroadcasts() {
        return raced;
    }

    /** What the ante checks found: the decoded tx, its account and public key, or the refusal. */
    private record Checked(String hash, DecodedTx tx, ChainAccount account, byte[] publicKey,
                           BroadcastResult refusal) {
        static Checked refused(BroadcastResult refusal) {
            return new Checked(refusal.txhash(), null, null, null, refusal);
        }
    }

    /** CheckTx: the ante checks, then the sequence is taken and the transaction waits for the next block. */
    public synchronized BroadcastResult broadcast(byte[] txBytes, long now) {
        Checked c = check(txBytes, false);
        if (c.refusal() != null) {
            return c.refusal();
        }
        ChainAccount account = c.account();
        if (sequenceRaceRate > 0 && faultRandom.nextDouble() < sequenceRaceRate) {
            raced++;
            account.sequence++; // as if another transaction of this account had taken the sequence just before
            return sequenceMismatch(c.hash(), account.sequence, c.tx().sequence());
        }
        if (!InjectiveTxDecoder.verifySignature(c.publicKey(), c.tx().signDoc(settings.chainId(), account.number),
                c.tx().signatures().get(0))) {
            return refuse(c.hash(), CODE_UNAUTHORIZED, "signature verification failed; please verify account number ("
                    + account.number + ") and chain-id (" + settings.chainId() + "): unauthorized");
        }
        account.sequence++;
        account.publicKey = c.publicKey().clone();
        if (droppedBroadcastRate > 0 && faultRandom.nextDouble() < droppedBroadcastRate) {
            dropped++; // accepted, sequence used, never included
        } else {
            mempool.add(c.tx());
        }
        return new BroadcastResult(c.hash(), 0, "", "");
    }

    /** What {@code /cosmos/tx/v1beta1/simulate} answers: the estimated gas, or the refusal. */
    public record Simulated(long gasUsed, BroadcastResult refusal) {
    }

    /**
     * Simulates a transaction: the ante checks without the signature (as the SDK's simulate mode; an empty signature
     * is fine) and without taking the sequence; gas is the estimate blocks charge.
     */
    public synchronized Simulated simulate(byte[] txBytes) {
        Checked c = check(txBytes, true);
        if (c.refusal() != null) {
            return new Simulated(0, c.refusal());
        }
        return new Simulated(gasEstimate(c.tx()), null);
    }

    private Checked check(byte[] txBytes, boolean simulate) {
        String hash = sha256Hex(txBytes);
        DecodedTx tx;
        try {
            tx = InjectiveTxDecoder.decode(txBytes);
        } catch (IllegalArgumentException e) {
            return Checked.refused(refuse(hash, CODE_TX_DECODE, e.getMessage() + ": tx parse error"));
        }
        String signer = null;
        for (DecodedMsg msg : tx.messages()) {
            if (msg instanceof DecodedMsg.Unknown u) {
                return Checked.refused(refuse(hash, CODE_TX_DECODE, "unable to resolve type URL " + u.typeUrl()
                        + ": tx parse error"));
            }
            String sender = senderOf(msg);
            if (signer != null && !signer.equals(sender)) {
                return Checked.refused(refuse(hash, CODE_UNAUTHORIZED,
                        "wrong number of signers; expected 2, got 1: unauthorized"));
            }
            signer = sender;
        }
        if (tx.signers().size() != 1 || (!simulate && tx.signatures().size() != 1)) {
            return Checked.refused(refuse(hash, CODE_UNAUTHORIZED, "wrong number of signers; expected 1, got "
                    + tx.signatures().size() + ": unauthorized"));
        }
        ChainAccount account;
        try {
            account = accountOf(signer);
        } catch (IllegalArgumentException e) {
            return Checked.refused(refuse(hash, CODE_INVALID_ADDRESS, "invalid address " + signer + ": "
                    + e.getMessage() + ": invalid address"));
        }
        byte[] publicKey = tx.publicKey().length > 0 ? tx.publicKey() : account.publicKey;
        if (publicKey == null) {
            return Checked.refused(refuse(hash, CODE_INVALID_PUBKEY, "pubkey on account is not set: invalid pubkey"));
        }
        InjectiveAddress keyAddress;
        try {
            keyAddress = InjectiveTxDecoder.addressOf(publicKey);
        } catch (IllegalArgumentException e) {
            return Checked.refused(refuse(hash, CODE_INVALID_PUBKEY, e.getMessage() + ": invalid pubkey"));
        }
        if (!keyAddress.bech32().equals(account.address)) {
            return Checked.refused(refuse(hash, CODE_INVALID_PUBKEY, "pubKey does not match signer address "
                    + account.address + " with signer index: 0: invalid pubkey"));
        }
        if (tx.sequence() != account.sequence) {
            return Checked.refused(sequenceMismatch(hash, account.sequence, tx.sequence()));
        }
        return new Checked(hash, tx, account, publicKey, null);
    }

    /** Gas a transaction uses in a block: a base, per message and per order or cancel it carries. */
    private static long gasEstimate(DecodedTx tx) {
        long orders = 0;
        for (DecodedMsg msg : tx.messages()) {
            if (msg instanceof DecodedMsg.BatchUpdateOrders b) {
                orders += b.spotOrdersToCancel().size() + b.derivativeOrdersToCancel().size()
                        + b.spotOrdersToCreate().size() + b.derivativeOrdersToCreate().size()
                        + b.spotMarketOrdersToCreate().size() + b.derivativeMarketOrdersToCreate().size()
                        + b.spotMarketIdsToCancelAll().size() + b.derivativeMarketIdsToCancelAll().size();
            } else if (msg instanceof DecodedMsg.BatchCancelSpotOrders b) {
                orders += b.data().size();
            } else if (msg instanceof DecodedMsg.BatchCancelDerivativeOrders b) {
                orders += b.data().size();
            } else if (!(msg instanceof DecodedMsg.MsgSend)) {
                orders++;
            }
        }
        return 60_000L + 20_000L * tx.messages().size() + 15_000L * orders;
    }

    private static BroadcastResult sequenceMismatch(String hash, long expected, long got) {
        return refuse(hash, CODE_WRONG_SEQUENCE, "account sequence mismatch, expected " + expected + ", got " + got
                + ": incorrect account sequence");
    }

    private static BroadcastResult refuse(String hash, int code, String rawLog) {
        return new BroadcastResult(hash, code, SDK, rawLog);
    }

    private static String senderOf(DecodedMsg msg) {
        if (msg instanceof DecodedMsg.MsgSend m) {
            return m.fromAddress();
        } else if (msg instanceof DecodedMsg.BatchUpdateOrders m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.CreateSpotLimitOrder m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.CreateDerivativeLimitOrder m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.CancelSpotOrder m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.CancelDerivativeOrder m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.BatchCancelSpotOrders m) {
            return m.sender();
        } else if (msg instanceof DecodedMsg.BatchCancelDerivativeOrders m) {
            return m.sender();
        }
        return "";
    }

    /** An included transaction, or null while it is pending, was never accepted, or was dropped. */
    public synchronized TxResult tx(String hash) {
        return hash == null ? null : results.get(hash.toUpperCase(Locale.ROOT).replaceFirst("^0X", ""));
    }

    /** Produces every block due at or before now; each includes the mempool in order of acceptance. */
    public synchronized int produceBlocks(long now) {
        if (now - nextBlockMs > MAX_CATCH_UP_BLOCKS * settings.blockTimeMs()) {
            nextBlockMs += (now - nextBlockMs) / settings.blockTimeMs() * settings.blockTimeMs();
        }
        int produced = 0;
        while (nextBlockMs <= now) {
            long blockMs = nextBlockMs;
            height++;
            lastBlockMs = blockMs;
            nextBlockMs += settings.blockTimeMs();
            produced++;
            if (mempool.isEmpty()) {
                continue;
            }
            List<DecodedTx> txs = mempool;
            mempool = new ArrayList<>();
            long blockHeight = height;
            simulation.withEngine(engine -> {
                for (DecodedTx tx : txs) {
                    results.put(tx.hash(), deliver(engine, tx, blockHeight, blockMs));
                }
                pruneMargins(engine);
                return null;
            });
        }
        return produced;
    }

    /** Forgets the margins of orders no longer open, once there are many (filled orders leave no other trace). */
    private void pruneMargins(MatchingEngine engine) {
        if (orderMargins.size() < MARGIN_PRUNE_THRESHOLD) {
            return;
        }
        Set<Long> open = new HashSet<>();
        for (RestingOrder o : engine.allOpenOrders()) {
            open.add(o.oid());
        }
        orderMargins.keySet().retainAll(open);
    }

    private TxResult deliver(MatchingEngine engine, DecodedTx tx, long blockHeight, long blockMs) {
        List<Map<String, Object>> responses = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        int code = 0;
        String codespace = "";
        String rawLog = "";
        for (int i = 0; i < tx.messages().size(); i++) {
            DecodedMsg msg = tx.messages().get(i);
            events.add(new Event("message", attributes("action", msg.typeUrl(), "sender", senderOf(msg),
                    "msg_index", String.valueOf(i))));
            try {
                Map<String, Object> response = new LinkedHashMap<>();
                apply(engine, msg, blockMs, response, events);
                responses.add(response);
            } catch (MsgFailure f) {
                // messages before this one stay applied: the engine has no rollback (the chain reverts the whole tx)
                code = f.code;
                codespace = EXCHANGE;
                rawLog = "failed to execute message; message index: " + i + ": " + f.getMessage();
                break;
            }
        }
        long gasUsed = Math.min(tx.gasLimit(), gasEstimate(tx));
        return new TxResult(tx.hash(), blockHeight, blockMs, code, codespace, rawLog, tx.gasLimit(), gasUsed, tx,
                responses, events);
    }

    /** Applies one message to the engine; a failing message throws. */
    private void apply(MatchingEngine engine, DecodedMsg msg, long now, Map<String, Object> response,
                      List<Event> events) {
        if (msg instanceof DecodedMsg.MsgSend m) {
            accountOf(m.toAddress()); // first funding creates the account
            return;
        }
        if (msg instanceof DecodedMsg.CreateSpotLimitOrder m) {
            Placed p = place(engine, m.sender(), m.order().marketId(), InjectiveMarket.Kind.SPOT,
                    m.order().orderInfo(), m.order().orderType(), null, m.version(), false, now);
            created(p, m.order().marketId(), response, events);
            return;
        }
        if (msg instanceof DecodedMsg.CreateDerivativeLimitOrder m) {
            Placed p = place(engine, m.sender(), m.order().marketId(), InjectiveMarket.Kind.DERIVATIVE,
                    m.order().orderInfo(), m.order().orderType(), m.order().margin(), m.version(), false, now);
            created(p, m.order().marketId(), response, events);
            return;
        }
        if (msg instanceof DecodedMsg.CancelSpotOrder m) {
            cancelOrFail(engine, m.sender(), new DecodedMsg.OrderData(m.marketId(), m.subaccountId(),
                    m.orderHash(), 0, m.cid()), InjectiveMarket.Kind.SPOT, now);
            return;
        }
        if (msg instanceof DecodedMsg.CancelDerivativeOrder m) {
            cancelOrFail(engine, m.sender(), new DecodedMsg.OrderData(m.marketId(), m.subaccountId(),
                    m.orderHash(), m.orderMask(), m.cid()), InjectiveMarket.Kind.DERIVATIVE, now);
            return;
        }
        if (msg instanceof DecodedMsg.BatchCancelSpotOrders m) {
            response.put("success", cancels(engine, m.sender(), m.data(), InjectiveMarket.Kind.SPOT, now));
            return;
        }
        if (msg instanceof DecodedMsg.BatchCancelDerivativeOrders m) {
            response.put("success", cancels(engine, m.sender(), m.data(), InjectiveMarket.Kind.DERIVATIVE, now));
            return;
        }
        if (msg instanceof DecodedMsg.BatchUpdateOrders m) {
            batchUpdate(engine, m, now, response, events);
            return;
        }
        throw new MsgFailure(ORDER_INVALID, "unsupported message " + msg.typeUrl());
    }

    /** A single create message: a failed order fails the message. */
    private static void created(Placed p, String marketId, Map<String, Object> response, List<Event> events) {
        if (p.failure != null) {
            throw p.failure;
        }
        response.put("order_hash", p.hash);
        response.put("cid", p.cid);
        events.add(orderEvent("injective.exchange.v2.EventNewOrder", marketId, p));
    }

    private void batchUpdate(MatchingEngine engine, DecodedMsg.BatchUpdateOrders m, long now,
                            Map<String, Object> response, List<Event> events) {
        boolean cancelAll = !m.spotMarketIdsToCancelAll().isEmpty() || !m.derivativeMarketIdsToCancelAll().isEmpty()
                || !m.binaryOptionsMarketIdsToCancelAll().isEmpty();
        if (!m.binaryOptionsMarketIdsToCancelAll().isEmpty() || !m.binaryOptionsOrdersToCreate().isEmpty()
                || !m.binaryOptionsOrdersToCancel().isEmpty() || !m.binaryOptionsMarketOrdersToCreate().isEmpty()) {
            throw new MsgFailure(MARKET_INVALID, "binary options markets are not simulated: invalid market");
        }
        if (cancelAll) {
            requireOwnSubaccount(m.sender(), m.subaccountId());
        }
        String address = normalised(m.sender());
        for (String id : m.spotMarketIdsToCancelAll()) {
            cancelAllIn(engine, address, requireMarket(id, InjectiveMarket.Kind.SPOT), now);
        }
        for (String id : m.derivativeMarketIdsToCancelAll()) {
            cancelAllIn(engine, address, requireMarket(id, InjectiveMarket.Kind.DERIVATIVE), now);
        }
        response.put("spot_cancel_success", cancels(engine, m.sender(), m.spotOrdersToCancel(),
                InjectiveMarket.Kind.SPOT, now));
        response.put("derivative_cancel_success", cancels(engine, m.sender(), m.derivativeOrdersToCancel(),
                InjectiveMarket.Kind.DERIVATIVE, now));
        List<String> spotHashes = new ArrayList<>();
        List<String> spotCreated = new ArrayList<>();
        List<String> spotFailed = new ArrayList<>();
        List<String> derivativeHashes = new ArrayList<>();
        List<String> derivativeCreated = new ArrayList<>();
        List<String> derivativeFailed = new ArrayList<>();
        for (DecodedMsg.SpotOrder o : m.spotOrdersToCreate()) {
            collect(place(engine, m.sender(), o.marketId(), InjectiveMarket.Kind.SPOT, o.orderInfo(), o.orderType(),
                    null, m.version(), false, now), o.marketId(), spotHashes, spotCreated, spotFailed, events);
        }
        for (DecodedMsg.DerivativeOrder o : m.derivativeOrdersToCreate()) {
            collect(place(engine, m.sender(), o.marketId(), InjectiveMarket.Kind.DERIVATIVE, o.orderInfo(),
                    o.orderType(), o.margin(), m.version(), false, now), o.marketId(), derivativeHashes,
                    derivativeCreated, derivativeFailed, events);
        }
        for (DecodedMsg.SpotOrder o : m.spotMarketOrdersToCreate()) {
            collect(place(engine, m.sender(), o.marketId(), InjectiveMarket.Kind.SPOT, o.orderInfo(), o.orderType(),
                    null, m.version(), true, now), o.marketId(), spotHashes, spotCreated, spotFailed, events);
        }
        for (DecodedMsg.DerivativeOrder o : m.derivativeMarketOrdersToCreate()) {
            collect(place(engine, m.sender(), o.marketId(), InjectiveMarket.Kind.DERIVATIVE, o.orderInfo(),
                    o.orderType(), o.margin(), m.version(), true, now), o.marketId(), derivativeHashes,
                    derivativeCreated, derivativeFailed, events);
        }
        response.put("spot_order_hashes", spotHashes);
        response.put("derivative_order_hashes", derivativeHashes);
        response.put("created_spot_orders_cids", spotCreated);
        response.put("failed_spot_orders_cids", spotFailed);
        response.put("created_derivative_orders_cids", derivativeCreated);
        response.put("failed_derivative_orders_cids", derivativeFailed);
    }

    /** In a batch an order that fails is skipped (its cid listed as failed, an EventOrderFail emitted). */
    private static void collect(Placed p, String marketId, List<String> hashes, List<String> created,
                                List<String> failed, List<Event> events) {
        if (p.failure == null) {
            hashes.add(p.hash);
            if (!p.cid.isEmpty()) {
                created.add(p.cid);
            }
            events.add(orderEvent("injective.exchange.v2.EventNewOrder", marketId, p));
        } else {
            if (!p.cid.isEmpty()) {
                failed.add(p.cid);
            }
            events.add(new Event("injective.exchange.v2.EventOrderFail", attributes("market_id", marketId,
                    "cid", p.cid, "code", String.valueOf(p.failure.code), "reason", p.failure.getMessage())));
        }
    }

    private static Event orderEvent(String type, String marketId, Placed p) {
        return new Event(type, attributes("market_id", marketId.toLowerCase(Locale.ROOT), "order_hash", p.hash,
                "cid", p.cid, "status", p.status));
    }

    private static Map<String, String> attributes(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    /** Outcome of placing one order: hash + status ("booked", "filled", "partially filled") or the failure. */
    private record Placed(String hash, String cid, String status, MsgFailure failure) {
    }

    private Placed place(MatchingEngine engine, String sender, String marketId, InjectiveMarket.Kind kind,
                         DecodedMsg.OrderInfo info, int orderType, BigDecimal rawMargin, ExchangeVersion version,
                         boolean marketOrder, long now) {
        String cid = info == null || info.cid() == null ? "" : info.cid();
        try {
            InjectiveMarket market = requireMarket(marketId, kind);
            if (info == null) {
                throw new MsgFailure(ORDER_INVALID, "order info is required: failed to validate order");
            }
            String address = normalised(sender);
            requireOwnSubaccount(address, info.subaccountId());
            Tif tif = switch (orderType) {
                case 1, 2 -> marketOrder ? Tif.IOC : Tif.GTC;
                case 7, 8 -> Tif.ALO;
                case 9, 10 -> Tif.IOC;
                default -> throw new MsgFailure(UNRECOGNIZED_ORDER_TYPE, "order type " + orderType
                        + " is not simulated (conditional orders): unrecognized order type");
            };
            Side side = orderType % 2 == 1 ? Side.BID : Side.ASK;
            BigDecimal price = market.humanPrice(info.price(), version);
            BigDecimal quantity = market.humanQuantity(info.quantity(), version);
            if (price == null || !InjectiveMarket.onGrid(price, market.minPriceTickSize())) {
                throw new MsgFailure(INVALID_PRICE, "price " + plain(price) + " must be a positive multiple of the "
                        + "min price tick size " + plain(market.minPriceTickSize()) + ": invalid price");
            }
            if (quantity == null || !InjectiveMarket.onGrid(quantity, market.minQuantityTickSize())) {
                throw new MsgFailure(INVALID_QUANTITY, "quantity " + plain(quantity) + " must be a positive "
                        + "multiple of the min quantity tick size " + plain(market.minQuantityTickSize())
                        + ": invalid quantity");
            }
            BigDecimal notional = price.multiply(quantity);
            if (notional.compareTo(market.minNotional()) < 0) {
                throw new MsgFailure(ORDER_INVALID, "order notional " + plain(notional) + " is less than the min "
                        + "notional " + plain(market.minNotional()) + ": failed to validate order");
            }
            boolean reduceOnly = false;
            BigDecimal margin = null;
            if (kind == InjectiveMarket.Kind.DERIVATIVE) {
                margin = market.humanMargin(rawMargin == null ? BigDecimal.ZERO : rawMargin, version);
                if (margin.signum() < 0) {
                    throw new MsgFailure(INSUFFICIENT_MARGIN, "margin must not be negative: insufficient margin");
                }
                reduceOnly = margin.signum() == 0;
                BigDecimal required = notional.multiply(market.initialMarginRatio());
                if (!reduceOnly && margin.compareTo(required) < 0) {
                    throw new MsgFailure(INSUFFICIENT_MARGIN, "margin " + plain(margin) + " is below price x "
                            + "quantity x initial margin ratio " + plain(required) + ": insufficient order margin");
                }
            }
            MarketSpec spec = market.engineMarket();
            OrderRequest request = new OrderRequest(address, spec.name(), side, spec.ticks(price),
                    spec.lots(quantity), tif, reduceOnly, cid.isEmpty() ? null : cid);
            PlaceResult result = engine.place(request, now);
            if (result instanceof PlaceResult.Resting r) {
                if (margin != null) {
                    orderMargins.put(r.oid(), margin);
                }
                return new Placed(orderHash(r.oid()), cid, "booked", null);
            }
            if (result instanceof PlaceResult.Filled f) {
                return new Placed(orderHash(f.oid()), cid, "filled", null);
            }
            throw engineFailure(((PlaceResult.Rejected) result).message());
        } catch (MsgFailure f) {
            return new Placed("", cid, "failed", f);
        }
    }

    private static MsgFailure engineFailure(String message) {
        if (message.startsWith("Post only")) {
            return new MsgFailure(POST_ONLY_CROSSES, "post-only order would cross the book ("
                    + message.replaceFirst("\\. asset=.*$", "") + "): Post-only order exceeds top of book price");
        }
        if (message.startsWith("Order could not immediately match")) {
            return new MsgFailure(NO_LIQUIDITY, "no liquidity to match the order: no liquidity");
        }
        if (message.startsWith("Order has duplicate cloid")) {
            return new MsgFailure(ORDER_INVALID, "client order id already exists: failed to validate order");
        }
        if (message.startsWith("Reduce only")) {
            return new MsgFailure(ORDER_INVALID, "reduce-only order (margin 0) needs an opposite position: "
                    + "failed to validate order");
        }
        return new MsgFailure(ORDER_INVALID, message.replaceFirst("\\. asset=.*$", "") + ": failed to validate order");
    }

    private List<Boolean> cancels(MatchingEngine engine, String sender, List<DecodedMsg.OrderData> data,
                                  InjectiveMarket.Kind kind, long now) {
        List<Boolean> out = new ArrayList<>();
        for (DecodedMsg.OrderData d : data) {
            try {
                cancelOrFail(engine, sender, d, kind, now);
                out.add(true);
            } catch (MsgFailure f) {
                out.add(false);
            }
        }
        return out;
    }

    private void cancelOrFail(MatchingEngine engine, String sender, DecodedMsg.OrderData d, InjectiveMarket.Kind kind,
                              long now) {
        InjectiveMarket market = requireMarket(d.marketId(), kind);
        String address = normalised(sender);
        requireOwnSubaccount(address, d.subaccountId());
        boolean done;
        if (d.orderHash() != null && !d.orderHash().isEmpty()) {
            long oid = oidOf(d.orderHash());
            done = oid > 0 && engine.cancel(address, market.engineCoin(), oid, now);
        } else if (d.cid() != null && !d.cid().isEmpty()) {
            done = engine.cancelByCloid(address, market.engineCoin(), d.cid(), now);
        } else {
            throw new MsgFailure(ORDER_INVALID, "an order hash or a cid is required: failed to validate order");
        }
        if (!done) {
            throw new MsgFailure(ORDER_DOESNT_EXIST, "order " + (d.orderHash() == null || d.orderHash().isEmpty()
                    ? "with cid " + d.cid() : d.orderHash()) + " is not open: order doesnt exist");
        }
    }

    private static int cancelAllIn(MatchingEngine engine, String address, InjectiveMarket market, long now) {
        int n = 0;
        for (RestingOrder o : engine.openOrders(address)) {
            if (o.coin().equals(market.engineCoin()) && engine.cancel(address, o.coin(), o.oid(), now)) {
                n++;
            }
        }
        return n;
    }

    private InjectiveMarket requireMarket(String marketId, InjectiveMarket.Kind kind) {
        InjectiveMarket market = market(marketId);
        if (market == null || market.kind() != kind) {
            throw new MsgFailure(MARKET_INVALID, (kind == InjectiveMarket.Kind.SPOT ? "spot" : "derivative")
                    + " market " + marketId + " not found: invalid market");
        }
        return market;
    }

    private static void requireOwnSubaccount(String sender, String subaccountId) {
        String address = normalised(sender);
        if (subaccountId == null || !subaccountId.matches("0x[0-9a-fA-F]{64}")) {
            throw new MsgFailure(BAD_SUBACCOUNT, "subaccount id " + subaccountId + " is malformed: "
                    + "invalid subaccount id");
        }
        String expected = InjectiveAddress.fromBech32(address).defaultSubaccountId();
        if (!expected.equalsIgnoreCase(subaccountId)) {
            throw new MsgFailure(BAD_SUBACCOUNT, "subaccount id " + subaccountId + " is not the default subaccount "
                    + "of " + address + " (only index 0 is simulated): invalid subaccount id");
        }
    }

    private static String normalised(String bech32) {
        try {
            return InjectiveAddress.fromBech32(bech32).bech32();
        } catch (IllegalArgumentException e) {
            throw new MsgFailure(ORDER_INVALID, "invalid sender " + bech32 + ": " + e.getMessage());
        }
    }

    /** Order hash of an engine order: 0x + oid as 64 hex digits. */
    public static String orderHash(long oid) {
        return String.format("0x%064x", oid);
    }

    /** The engine oid of an order hash, or -1 when it is not one of ours. */
    static long oidOf(String hash) {
        if (hash == null || !hash.matches("0[xX][0-9a-fA-F]{64}")) {
            return -1;
        }
        BigInteger value = new BigInteger(hash.substring(2), 16);
        return value.bitLength() < 63 ? value.longValue() : -1;
    }

    /** The bech32 address of a subaccount id (0x + 40 hex address + 24 hex index), or null when malformed. */
    public static String ownerOf(String subaccountId) {
        if (subaccountId == null || !subaccountId.matches("0x[0-9a-fA-F]{64}")) {
            return null;
        }
        return InjectiveAddress.fromHex(subaccountId.substring(0, 42)).bech32();
    }

    // ---- reads (chain queries) ----

    public TopOfBook topOfBook(InjectiveMarket market) {
        MarketSpec spec = market.engineMarket();
        return simulation.withEngine(engine -> {
            long bid = engine.bestTicks(spec.name(), Side.BID);
            long ask = engine.bestTicks(spec.name(), Side.ASK);
            BigDecimal b = bid == 0 ? null : spec.price(bid);
            BigDecimal a = ask == 0 ? null : spec.price(ask);
            BigDecimal mid = b != null && a != null ? b.add(a).divide(BigDecimal.valueOf(2)) : null;
            return new TopOfBook(b, a, mid);
        });
    }

    /** Aggregated levels, best first: [0] buys, [1] sells. */
    public List<List<L2Level>> orderbook(InjectiveMarket market, int limit) {
        String coin = market.engineCoin();
        return simulation.withEngine(engine -> List.of(engine.levels(coin, Side.BID, limit),
                engine.levels(coin, Side.ASK, limit)));
    }

    /** Open orders of a subaccount in a market, newest first. */
    public synchronized List<OpenOrder> orders(InjectiveMarket market, String subaccountId) {
        String owner = ownerOf(subaccountId);
        if (owner == null || !InjectiveAddress.fromBech32(owner).defaultSubaccountId()
                .equalsIgnoreCase(subaccountId)) {
            return List.of();
        }
        MarketSpec spec = market.engineMarket();
        return simulation.withEngine(engine -> {
            List<OpenOrder> out = new ArrayList<>();
            for (RestingOrder o : engine.openOrders(owner)) {
                if (o.coin().equals(spec.name())) {
                    out.add(new OpenOrder(orderHash(o.oid()), o.cloid() == null ? "" : o.cloid(),
                            o.side() == Side.BID, spec.price(o.priceTicks()), spec.size(o.origLots()),
                            spec.size(o.remainingLots()), orderMargins.get(o.oid()), o.timestampMs()));
                }
            }
            return out;
        });
    }

    /** Derivative positions (non-zero) of a subaccount. */
    public List<PositionView> positions(String subaccountId) {
        String owner = ownerOf(subaccountId);
        if (owner == null) {
            return List.of();
        }
        return simulation.withEngine(engine -> {
            List<PositionView> out = new ArrayList<>();
            Account account = engine.existingAccount(owner);
            if (account == null) {
                return out;
            }
            for (Position p : account.positions()) {
                InjectiveMarket m = byCoin.get(p.market().name());
                if (m == null || m.kind() != InjectiveMarket.Kind.DERIVATIVE || p.lots() == 0) {
                    continue;
                }
                BigDecimal qty = p.size().abs();
                out.add(new PositionView(m, subaccountId.toLowerCase(Locale.ROOT), p.lots() > 0, qty, p.entryPx(),
                        qty.multiply(p.entryPx()).multiply(m.initialMarginRatio()).stripTrailingZeros()));
            }
            return out;
        });
    }

    /** Fills of a subaccount in the Injective markets (optionally one market), newest first, at most limit. */
    public List<TradeView> trades(String subaccountId, InjectiveMarket only, int limit) {
        String owner = ownerOf(subaccountId);
        if (owner == null) {
            return List.of();
        }
        return simulation.withEngine(engine -> {
            List<TradeView> out = new ArrayList<>();
            Account account = engine.existingAccount(owner);
            if (account == null) {
                return out;
            }
            for (UserFill f : account.fills()) {
                InjectiveMarket m = byCoin.get(f.coin());
                if (m == null || (only != null && only != m)) {
                    continue;
                }
                out.add(new TradeView(m, subaccountId.toLowerCase(Locale.ROOT), f.tid(), orderHash(f.oid()),
                        f.cloid() == null ? "" : f.cloid(), f.side() == Side.BID, !f.crossed(), f.px(), f.sz(),
                        f.fee(), f.closedPnl(), f.time()));
                if (out.size() >= limit) {
                    break;
                }
            }
            return out;
        });
    }

    private static String plain(BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
