package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The whole simulated venue: matching engine, reference price per market and taker flow, driven by the time given
 * to {@link #advance(long)}. Every public method is synchronized on this object: one lock serializes the venue.
 * <p>
 * Events are scheduled in simulated time: a reference tick every tick interval from the start time, and taker
 * arrivals with exponential gaps per market. {@code advance(now)} runs every event due at or before now, in time
 * order (ticks first on a tie). If the caller falls far behind (more than {@link #MAX_CATCH_UP_TICKS} intervals),
 * the missed events are skipped rather than replayed in a burst.
 */
public final class Simulation {
    public static final int MAX_CATCH_UP_TICKS = 50;

    private final MatchingEngine engine;
    /** The markets with their own reference walk (the Hyperliquid universe), in order. */
    private final List<MarketSpec> primaryMarkets;
    /** Linked market -> the market whose reference prices it. */
    private final Map<String, String> referenceOf = new LinkedHashMap<>();
    private final Map<String, ReferenceWalk> walks = new LinkedHashMap<>();
    private final Map<String, PriceTick> latest = new LinkedHashMap<>();
    private final Map<String, Long> nextArrival = new LinkedHashMap<>();
    private final TakerFlow takers;
    private final NonceTracker nonces = new NonceTracker();
    private final long tickIntervalMs;
    private long nextTick;
    private long slot;
    private long takerOrders;
    /** agent address -> master address */
    private final Map<String, String> agentMaster = new HashMap<>();
    /** master + "/" + agent name ("" unnamed) -> agent address */
    private final Map<String, String> agentByName = new HashMap<>();
    /** account -> time its dead man's switch fires */
    private final Map<String, Long> scheduledCancels = new HashMap<>();
    private long scheduledCancelsFired;
    private final Map<String, ResidentBook> residents = new LinkedHashMap<>();
    private long takerSkips;

    /** The least time a scheduled cancel must lie ahead of the venue clock. */
    public static final long SCHEDULE_CANCEL_MIN_LEAD_MS = 5_000;

    public Simulation(List<MarketSpec> markets, EngineSettings engineSettings, ReferenceSettings referenceSettings,
                      TakerSettings takerSettings, long seed, long startMs) {
        this(markets, engineSettings, referenceSettings, takerSettings, seed, startMs, Map.of());
    }

    /**
     * @param residentByCoin the markets that get a resident ladder (see {@link ResidentBook}), placed at startMs
     *                       around the start reference
     */
    public Simulation(List<MarketSpec> markets, EngineSettings engineSettings, ReferenceSettings referenceSettings,
                      TakerSettings takerSettings, long seed, long startMs, Map<String, ResidentSettings> residentByCoin) {
        this(markets, engineSettings, referenceSettings, takerSettings, seed, startMs, residentByCoin, List.of());
    }

    /**
     * @param linked further engine markets without a walk of their own, priced from another market's reference
     *               (the Injective books follow INJ); they get taker flow too, are not in {@link #markets()} and
     *               are appended after the primary markets in the engine
     */
    public Simulation(List<MarketSpec> markets, EngineSettings engineSettings, ReferenceSettings referenceSettings,
                      TakerSettings takerSettings, long seed, long startMs, Map<String, ResidentSettings> residentByCoin,
                      List<LinkedMarket> linked) {
        List<MarketSpec> all = new ArrayList<>(markets);
        for (LinkedMarket l : linked) {
            all.add(l.spec());
        }
        this.engine = new MatchingEngine(all, engineSettings);
        this.primaryMarkets = List.copyOf(markets);
        this.takers = new TakerFlow(seed, takerSettings);
        this.tickIntervalMs = referenceSettings.tickIntervalMs();
        for (MarketSpec m : markets) {
            ReferenceWalk walk = new ReferenceWalk(m, seed, referenceSettings);
            walks.put(m.name(), walk);
            latest.put(m.name(), tickOf(walk, startMs, startMs));
            nextArrival.put(m.name(), saturatedAdd(startMs, takers.nextGapMs()));
        }
        for (LinkedMarket l : linked) {
            if (!walks.containsKey(l.referenceCoin())) {
                throw new IllegalArgumentException("market " + l.spec().name() + " is priced from "
                        + l.referenceCoin() + ", which is not a simulated market");
            }
            referenceOf.put(l.spec().name(), l.referenceCoin());
            engine.minOrderValue(l.spec().name(), l.minOrderValue());
            nextArrival.put(l.spec().name(), saturatedAdd(startMs, takers.nextGapMs()));
        }
        this.nextTick = startMs + tickIntervalMs;
        placeResidentBooks(residentByCoin, startMs);
    }

    private void placeResidentBooks(Map<String, ResidentSettings> residentByCoin, long startMs) {
        BigDecimal notional = BigDecimal.ZERO;
        for (Map.Entry<String, ResidentSettings> e : residentByCoin.entrySet()) {
            MarketSpec market = engine.market(e.getKey());
            if (market == null) {
                throw new IllegalArgumentException("resident book for unknown market " + e.getKey());
            }
            // a linked market's ladder is centred on the reference it is priced from
            long referenceE8 = walks.get(referenceOf.getOrDefault(market.name(), market.name())).priceE8();
            ResidentBook book = ResidentBook.ladder(market, referenceE8, e.getValue());
            for (OrderRequest order : book.orders()) {
                if (engine.place(order, startMs) instanceof PlaceResult.Rejected r) {
                    throw new IllegalArgumentException("resident order " + order + " was refused: " + r.message());
                }
            }
            residents.put(market.name(), book);
            notional = notional.add(book.notional(market));
        }
        if (!residents.isEmpty()) {
            // no margin is simulated, but the account should still look able to carry its book
            engine.account(ResidentBook.ADDRESS).creditUpTo(notional);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private PriceTick tickOf(ReferenceWalk walk, long time, long prevTime) {
        MarketSpec m = walk.market();
        return new PriceTick(m.name(), m.feedId(), walk.priceE8(), walk.confE8(walk.priceE8()), walk.emaE8(),
                walk.confE8(walk.emaE8()), time, prevTime, ++slot);
    }

    /** Runs all events due up to now; returns the reference ticks published, oldest first. */
    public synchronized List<PriceTick> advance(long now) {
        if (now - nextTick > MAX_CATCH_UP_TICKS * tickIntervalMs) {
            nextTick += (now - nextTick) / tickIntervalMs * tickIntervalMs;
            for (Map.Entry<String, Long> e : nextArrival.entrySet()) {
                if (e.getValue() < now - MAX_CATCH_UP_TICKS * tickIntervalMs) {
                    e.setValue(saturatedAdd(now, takers.nextGapMs()));
                }
            }
        }
        List<PriceTick> published = new ArrayList<>();
        while (true) {
            String coin = null;
            long due = nextTick;
            for (Map.Entry<String, Long> e : nextArrival.entrySet()) {
                if (e.getValue() < due) {
                    due = e.getValue();
                    coin = e.getKey();
                }
            }
            if (due > now) {
                break;
            }
            if (coin == null) {
                for (ReferenceWalk walk : walks.values()) {
                    walk.step();
                    PriceTick tick = tickOf(walk, due, latest.get(walk.market().name()).publishTimeMs());
                    latest.put(walk.market().name(), tick);
                    published.add(tick);
                }
                nextTick += tickIntervalMs;
            } else {
                MarketSpec market = engine.market(coin);
                long reference = walks.get(referenceOf.getOrDefault(coin, coin)).priceE8();
                OrderRequest order = takers.arrival(market, reference);
                // next to a resident book, takers trade only at prices within the band: a bid resting far above the
                // reference is not a price an outside trader near the reference would hit, and eating the resident
                // ladder would walk the venue back to the reference on its own
                if (residents.containsKey(coin) && !takers.withinBand(market,
                        engine.bestTicks(coin, order.side().opposite()), order.side(), reference)) {
                    takerSkips++;
                } else {
                    engine.place(order, due);
                    takerOrders++;
                }
                nextArrival.put(coin, saturatedAdd(due, takers.nextGapMs()));
            }
        }
        fireScheduledCancels(now);
        return published;
    }

    private void fireScheduledCancels(long now) {
        if (scheduledCancels.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<String, Long>> it = scheduledCancels.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() <= now) {
                engine.cancelAll(e.getKey(), e.getValue());
                scheduledCancelsFired++;
                it.remove();
            }
        }
    }

    /**
     * Arms (time set) or disarms (null) the dead man's switch of an account: at that time every open order of the
     * account is cancelled, unless a later call moved or removed it. Null when accepted, else the reason.
     */
    public synchronized String scheduleCancel(String account, Long timeMs, long now) {
        long venueNow = Math.max(now, engine.lastTime());
        if (timeMs == null) {
            scheduledCancels.remove(account);
            return null;
        }
        if (timeMs < venueNow + SCHEDULE_CANCEL_MIN_LEAD_MS) {
            return "Scheduled cancel time too early, must be at least 5 seconds after current time";
        }
        scheduledCancels.put(account, timeMs);
        return null;
    }

    /** The time the account's dead man's switch fires, or null when not armed. */
    public synchronized Long scheduledCancel(String account) {
        return scheduledCancels.get(account);
    }

    public synchronized long scheduledCancelsFired() {
        return scheduledCancelsFired;
    }

    /**
     * Approves an agent (API wallet) for a master account: afterwards actions signed by the agent act for the master.
     * An agent of the same name (unnamed counts as one name) replaces the previous one. Null when accepted, else the
     * reason.
     */
    public synchronized String approveAgent(String master, String agent, String name) {
        if (agent.equals(master)) {
            return "Agent address cannot be the user's own address";
        }
        if (agentMaster.containsKey(master)) {
            return "An agent cannot approve agents";
        }
        String existing = agentMaster.get(agent);
        if (existing != null && !existing.equals(master)) {
            return "Agent " + agent + " is already approved for another user";
        }
        if (engine.existingAccount(agent) != null) {
            return "Agent " + agent + " is already used as a user";
        }
        String previous = agentByName.put(master + "/" + (name == null ? "" : name), agent);
        if (previous != null && !previous.equals(agent)) {
            agentMaster.remove(previous);
        }
        agentMaster.put(agent, master);
        return null;
    }

    /** The account a signer acts for: its master when it is an approved agent, else itself. */
    public synchronized String accountOf(String signer) {
        return agentMaster.getOrDefault(signer, signer);
    }

    /** Starts or stops recording venue events (trades, order updates, fills) for {@link #drainEvents()}. */
    public synchronized void recordEvents(boolean on) {
        engine.recordEvents(on);
    }

    /** Venue events since the last drain, oldest first. */
    public synchronized List<VenueEvent> drainEvents() {
        return engine.drainEvents();
    }

    /** Runs an operation on the engine under the venue lock. */
    public synchronized <T> T withEngine(Function<MatchingEngine, T> operation) {
        return operation.apply(engine);
    }

    /** Checks and records a signer's nonce at the venue's current time; null when accepted, else the reason. */
    public synchronized String useNonce(String signer, long nonce, long now) {
        return nonces.use(signer, nonce, Math.max(now, engine.lastTime()));
    }

    /** The latest reference tick of every market, in market order. */
    public synchronized List<PriceTick> latestTicks() {
        return List.copyOf(latest.values());
    }

    /** The latest reference tick of a market (a linked market's is its reference market's), or null. */
    public synchronized PriceTick latestTick(String coin) {
        return latest.get(referenceOf.getOrDefault(coin, coin));
    }

    /** The market whose reference prices this one: itself, or the reference of a linked market. */
    public String referenceCoin(String coin) {
        return referenceOf.getOrDefault(coin, coin);
    }

    public synchronized long takerOrders() {
        return takerOrders;
    }

    /** Taker arrivals not sent because the book they would trade with lay beyond the band (resident markets only). */
    public synchronized long takerSkips() {
        return takerSkips;
    }

    /** The resident ladder placed in a market at start, or null when it has none. */
    public ResidentBook residentBook(String coin) {
        return residents.get(coin);
    }

    /** The resident account's open orders in a market, newest first. */
    public synchronized List<RestingOrder> residentOrders(String coin) {
        List<RestingOrder> out = new ArrayList<>();
        for (RestingOrder o : engine.openOrders(ResidentBook.ADDRESS)) {
            if (o.coin().equals(coin)) {
                out.add(o);
            }
        }
        return out;
    }

    public List<String> takerAddresses() {
        return takers.addresses();
    }

    /** The markets with their own reference (the Hyperliquid universe); linked markets are not listed. */
    public List<MarketSpec> markets() {
        return primaryMarkets;
    }

    /** Every engine market: the primary ones, then the linked ones. */
    public List<MarketSpec> allMarkets() {
        return engine.markets();
    }

    public long tickIntervalMs() {
        return tickIntervalMs;
    }

    /** Latest reference tick per market, linked markets included (their reference market's tick). */
    public synchronized Map<String, PriceTick> latestByCoin() {
        Map<String, PriceTick> out = new LinkedHashMap<>(latest);
        for (Map.Entry<String, String> e : referenceOf.entrySet()) {
            out.put(e.getKey(), latest.get(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
