package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Price-time-priority matching for several perpetual markets, with accounts, positions and fees.
 * Not thread-safe: the caller serializes access. Has no clock: every call takes the current time in millis
 * (the engine never goes back in time: a smaller time than one already seen is raised to it).
 * <p>
 * Trades execute at the resting order's price. An order that would trade with a resting order of the same address
 * cancels that resting order instead (expire-maker self-trade prevention).
 */
public final class MatchingEngine {
    private final List<MarketSpec> markets;
    private final Map<String, Integer> assetIndex = new HashMap<>();
    private final Map<String, OrderBook> books = new LinkedHashMap<>();
    private final Map<Long, RestingOrder> ordersByOid = new HashMap<>();
    private final Map<String, Map<String, RestingOrder>> ordersByCloid = new HashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, long[]> tradesByCoin = new HashMap<>();
    private final EngineSettings settings;
    private final long minOrderValueMicro;
    /** Per-market minimum notional (micro-USDC) replacing the settings' one, e.g. 0 where a dialect checks its own. */
    private final Map<String, Long> minOrderValueMicroByCoin = new HashMap<>();
    private long nextOid;
    private long nextTid;
    private long lastTime;
    private long ordersAccepted;
    private long ordersRejected;
    private long trades;
    private long cancels;
    /** Events since the last drain; null while not recorded. */
    private List<VenueEvent> events;

    public MatchingEngine(List<MarketSpec> markets, EngineSettings settings) {
        if (markets.isEmpty()) {
            throw new IllegalArgumentException("at least one market is needed");
        }
        this.markets = List.copyOf(markets);
        for (int i = 0; i < this.markets.size(); i++) {
            MarketSpec m = this.markets.get(i);
            if (assetIndex.put(m.name(), i) != null) {
                throw new IllegalArgumentException("market " + m.name() + " is listed twice");
            }
            books.put(m.name(), new OrderBook(m));
            tradesByCoin.put(m.name(), new long[1]);
        }
        this.settings = settings;
        this.minOrderValueMicro = settings.minOrderValue().movePointRight(6).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        this.nextOid = settings.idBase() + 1;
        this.nextTid = settings.idBase() + 1;
    }

    public List<MarketSpec> markets() {
        return markets;
    }

    public MarketSpec market(String coin) {
        OrderBook book = books.get(coin);
        return book == null ? null : book.market();
    }

    /** Position of the market in the list (Hyperliquid's asset index), or -1. */
    public int assetIndex(String coin) {
        return assetIndex.getOrDefault(coin, -1);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Replaces the minimum order value (USDC notional) for one market; 0 disables the check there. */
    public void minOrderValue(String coin, BigDecimal value) {
        if (!books.containsKey(coin)) {
            throw new IllegalArgumentException("unknown market " + coin);
        }
        minOrderValueMicroByCoin.put(coin, value.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private long advanceTime(long now) {
        lastTime = Math.max(lastTime, now);
        return lastTime;
    }

    /** The account of an address, created with the paper balance on first use. */
    public Account account(String address) {
        return accounts.computeIfAbsent(address,
                a -> new Account(a, settings.paperBalance(), settings.fillHistoryLimit()));
    }

    /** The account of an address if it was ever used, else null. */
    public Account existingAccount(String address) {
        return accounts.get(address);
    }

    public int accountCount() {
        return accounts.size();
    }

    /** Places a limit order: matches what crosses, then rests (GTC, ALO), or drops the remainder (IOC). */
    public PlaceResult place(OrderRequest req, long now) {
        long time = advanceTime(now);
        OrderBook book = books.get(req.coin());
        if (book == null) {
            ordersRejected++;
            return new PlaceResult.Rejected("Unknown coin " + req.coin() + ".");
        }
        MarketSpec market = book.market();
        int asset = assetIndex.get(req.coin());
        Account account = account(req.address());
        long notional;
        try {
            notional = Math.multiplyExact(req.priceTicks(), req.sizeLots());
        } catch (ArithmeticException e) {
            return reject("Order has invalid size. asset=" + asset);
        }
        long minMicro = minOrderValueMicroByCoin.getOrDefault(req.coin(), minOrderValueMicro);
        if (!req.reduceOnly() && notional < minMicro) {
            return reject("Order must have minimum value of $" + BigDecimal.valueOf(minMicro, 6).stripTrailingZeros()
                    .toPlainString() + ". asset=" + asset);
        }
        if (req.reduceOnly()) {
            long pos = account.position(market).lots();
            if (pos == 0 || Long.signum(pos) == req.side().sign()) {
                return reject("Reduce only order would increase position. asset=" + asset);
            }
        }
        if (req.cloid() != null && ordersByCloid.getOrDefault(req.address(), Map.of()).containsKey(req.cloid())) {
            return reject("Order has duplicate cloid " + req.cloid() + ". asset=" + asset);
        }
        Side opposite = req.side().opposite();
        long bestOpposite = book.best(opposite);
        boolean crosses = bestOpposite != 0 && (req.side() == Side.BID
                ? req.priceTicks() >= bestOpposite : req.priceTicks() <= bestOpposite);
        if (req.tif() == Tif.ALO && crosses) {
            long bid = book.best(Side.BID);
            long ask = book.best(Side.ASK);
            return reject("Post only order would have immediately matched, bbo was " + bbo(market, bid) + "@"
                    + bbo(market, ask) + ". asset=" + asset);
        }
        long oid = nextOid++;
        ordersAccepted++;
        long remaining = req.sizeLots();
        long filledLots = 0;
        long filledNotional = 0;
        NavigableMap<Long, ArrayDeque<RestingOrder>> levels = book.side(opposite);
        while (remaining > 0 && !levels.isEmpty()) {
            long levelPx = levels.firstKey();
            boolean cross = req.side() == Side.BID ? req.priceTicks() >= levelPx : req.priceTicks() <= levelPx;
            if (!cross) {
                break;
            }
            ArrayDeque<RestingOrder> queue = levels.get(levelPx);
            RestingOrder maker = queue.peekFirst();
            if (maker.address().equals(req.address())) {
                removeResting(book, maker);
                cancels++;
                orderEvent(maker, "selfTradeCanceled", time);
                continue;
            }
            long qty = Math.min(remaining, maker.remainingLots());
            trade(market, maker, req, oid, qty, time);
            remaining -= qty;
            filledLots += qty;
            filledNotional += qty * levelPx;
            if (maker.remainingLots() == 0) {
                removeResting(book, maker);
                orderEvent(maker, "filled", time);
            }
        }
        if (remaining > 0 && req.tif() != Tif.IOC) {
            RestingOrder resting = new RestingOrder(oid, req.address(), req.coin(), req.side(), req.priceTicks(),
                    req.sizeLots(), remaining, time, req.cloid());
            book.add(resting);
            ordersByOid.put(oid, resting);
            orderEvent(resting, "open", time);
            if (req.cloid() != null) {
                ordersByCloid.computeIfAbsent(req.address(), a -> new HashMap<>()).put(req.cloid(), resting);
            }
            return new PlaceResult.Resting(oid, req.cloid());
        }
        if (filledLots == 0) {
            return new PlaceResult.Rejected(
                    "Order could not immediately match against any resting orders. asset=" + asset);
        }
        if (events != null) {
            events.add(new VenueEvent.OrderUpdate(req.address(), req.coin(), req.side(),
                    market.price(req.priceTicks()), market.size(remaining), market.size(req.sizeLots()), oid, time,
                    req.cloid(), remaining == 0 ? "filled" : "canceled", time));
        }
        BigDecimal avgPx = BigDecimal.valueOf(filledNotional)
                .divide(BigDecimal.valueOf(filledLots), 2, RoundingMode.HALF_EVEN)
                .movePointLeft(market.priceScale()).stripTrailingZeros();
        return new PlaceResult.Filled(market.size(filledLots), avgPx, oid, req.cloid());
    }

    private static String bbo(MarketSpec market, long ticks) {
        return ticks == 0 ? "None" : market.price(ticks).stripTrailingZeros().toPlainString();
    }

    private PlaceResult reject(String message) {
        ordersRejected++;
        return new PlaceResult.Rejected(message);
    }

    private void trade(MarketSpec market, RestingOrder maker, OrderRequest taker, long takerOid, long lots, long time) {
        long tid = nextTid++;
        trades++;
        tradesByCoin.get(market.name())[0]++;
        maker.fill(lots);
        long notionalMicro = lots * maker.priceTicks();
        String hash = String.format("0x%064x", tid);
        UserFill makerFill = settle(market, account(maker.address()), maker.side(), lots, maker.priceTicks(),
                notionalMicro, settings.makerFee(), false, maker.oid(), maker.cloid(), tid, hash, time);
        UserFill takerFill = settle(market, account(taker.address()), taker.side(), lots, maker.priceTicks(),
                notionalMicro, settings.takerFee(), true, takerOid, taker.cloid(), tid, hash, time);
        if (events != null) {
            String buyer = taker.side() == Side.BID ? taker.address() : maker.address();
            String seller = taker.side() == Side.BID ? maker.address() : taker.address();
            events.add(new VenueEvent.Trade(market.name(), taker.side(), market.price(maker.priceTicks()),
                    market.size(lots), time, hash, tid, buyer, seller));
            events.add(new VenueEvent.Fill(maker.address(), makerFill));
            events.add(new VenueEvent.Fill(taker.address(), takerFill));
        }
    }

    private void orderEvent(RestingOrder o, String status, long time) {
        if (events != null) {
            MarketSpec m = books.get(o.coin()).market();
            events.add(new VenueEvent.OrderUpdate(o.address(), o.coin(), o.side(), m.price(o.priceTicks()),
                    m.size(o.remainingLots()), m.size(o.origLots()), o.oid(), o.timestampMs(), o.cloid(), status,
                    time));
        }
    }

    /** Starts (or stops and clears) recording {@link VenueEvent}s for {@link #drainEvents()}. */
    public void recordEvents(boolean on) {
        events = on ? (events == null ? new ArrayList<>() : events) : null;
    }

    /** The events since the last drain, oldest first (empty when not recording). */
    public List<VenueEvent> drainEvents() {
        if (events == null || events.isEmpty()) {
            return List.of();
        }
        List<VenueEvent> out = events;
        events = new ArrayList<>();
        return out;
    }

    private static UserFill settle(MarketSpec market, Account account, Side side, long lots, long pxTicks,
                               long notionalMicro, BigDecimal feeRate, boolean crossed, long oid, String cloid,
                               long tid, String hash, long time) {
        Position position = account.position(market);
        BigDecimal start = position.size();
        Position.Change change = position.apply(side, lots, pxTicks);
        BigDecimal fee = BigDecimal.valueOf(notionalMicro, 6).multiply(feeRate)
                .setScale(Position.USDC_SCALE, RoundingMode.HALF_EVEN);
        position.addFee(fee);
        UserFill fill = new UserFill(market.name(), market.price(pxTicks), market.size(lots), side, time, start,
                change.dir(), change.closedPnl(), hash, oid, crossed, fee, tid, cloid);
        account.record(fill);
        return fill;
    }

    private void removeResting(OrderBook book, RestingOrder order) {
        book.remove(order);
        ordersByOid.remove(order.oid());
        if (order.cloid() != null) {
            Map<String, RestingOrder> byCloid = ordersByCloid.get(order.address());
            if (byCloid != null) {
                byCloid.remove(order.cloid());
                if (byCloid.isEmpty()) {
                    ordersByCloid.remove(order.address());
                }
            }
        }
    }

    /** Cancels an open order of this address in this coin by oid; false when there is none. */
    public boolean cancel(String address, String coin, long oid, long now) {
        advanceTime(now);
        RestingOrder order = ordersByOid.get(oid);
        if (order == null || !order.address().equals(address) || !order.coin().equals(coin)) {
            return false;
        }
        removeResting(books.get(coin), order);
        cancels++;
        orderEvent(order, "canceled", lastTime);
        return true;
    }

    /** Cancels an open order of this address in this coin by client order id; false when there is none. */
    public boolean cancelByCloid(String address, String coin, String cloid, long now) {
        advanceTime(now);
        RestingOrder order = ordersByCloid.getOrDefault(address, Map.of()).get(cloid);
        if (order == null || !order.coin().equals(coin)) {
            return false;
        }
        removeResting(books.get(coin), order);
        cancels++;
        orderEvent(order, "canceled", lastTime);
        return true;
    }

    /**
     * Modifies an open order of this address, found by oid (cloid null) or by client order id: the order is
     * cancelled and the replacement placed as a new order (new oid, back of its price level's queue, matching what it
     * crosses). An order that is not open (never placed, cancelled, filled, another address's) is refused and nothing
     * changes. When the replacement itself is refused (post-only crossing, minimum value, ...), the original stays
     * cancelled, as a cancel-and-replace does.
     */
    public PlaceResult modify(String address, long oid, String cloid, OrderRequest replacement, long now) {
        advanceTime(now);
        RestingOrder order = cloid != null ? ordersByCloid.getOrDefault(address, Map.of()).get(cloid)
                : ordersByOid.get(oid);
        if (order == null || !order.address().equals(address) || !replacement.address().equals(address)) {
            return reject("Cannot modify canceled or filled order");
        }
        removeResting(books.get(order.coin()), order);
        cancels++;
        orderEvent(order, "canceled", lastTime);
        return place(replacement, now);
    }

    /** Cancels every open order of an address (all coins); returns how many. */
    public int cancelAll(String address, long now) {
        advanceTime(now);
        int n = 0;
        for (RestingOrder order : openOrders(address)) {
            removeResting(books.get(order.coin()), order);
            cancels++;
            orderEvent(order, "scheduledCancel", lastTime);
            n++;
        }
        return n;
    }

    /** Open orders of an address, newest first. */
    public List<RestingOrder> openOrders(String address) {
        List<RestingOrder> out = new ArrayList<>();
        for (RestingOrder o : ordersByOid.values()) {
            if (o.address().equals(address)) {
                out.add(o);
            }
        }
        out.sort((a, b) -> Long.compare(b.oid(), a.oid()));
        return out;
    }

    /** All open orders (for inspection), in no particular order. */
    public Collection<RestingOrder> allOpenOrders() {
        return Collections.unmodifiableCollection(ordersByOid.values());
    }

    /** Aggregated levels of one side of a coin's book, best first, at most depth levels. */
    public List<L2Level> levels(String coin, Side side, int depth) {
        OrderBook book = books.get(coin);
        return book == null ? List.of() : book.levels(side, depth);
    }

    /** Best price of a side in ticks, 0 when empty. */
    public long bestTicks(String coin, Side side) {
        return books.get(coin).best(side);
    }

    /** Time of the last call (the engine's notion of now). */
    public long lastTime() {
        return lastTime;
    }

    public long ordersAccepted() {
        return ordersAccepted;
    }

    public long ordersRejected() {
        return ordersRejected;
    }

    public long trades() {
        return trades;
    }

    public long trades(String coin) {
        long[] n = tradesByCoin.get(coin);
        return n == null ? 0 : n[0];
    }

    public long cancels() {
        return cancels;
    }

    public int openOrderCount() {
        return ordersByOid.size();
    }

    public int openOrderCount(String coin) {
        OrderBook book = books.get(coin);
        return book == null ? 0 : book.orderCount();
    }
}
