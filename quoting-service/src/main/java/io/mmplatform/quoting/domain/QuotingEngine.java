package io.mmplatform.quoting.domain;

import io.mmplatform.common.Instruments;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.VenueBook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the bots: one {@link Strategy}, one reused {@link MarketTick} and one reused {@link OrderSet} per (bot,
 * market). Plain Java, driven by events and a clock passed in:
 * <ul>
 *   <li>a (bot, market) is on its bot's venue ({@link #venueOf}): its intents carry that venue, it sees that venue's
 *       book of its market and its wallet's fills there; it quotes from the reference of its market's instrument
 *       ({@link Instruments#referenceOf}: INJ/USDT-PERP quotes from INJ), whose data quality also applies to it;</li>
 *   <li>on every input of a (bot, market) (reference, venue book, position, fill) and on the tick, the strategy
 *       quotes; an intent is emitted when the set differs from the last one emitted, or {@code heartbeatMs}
 *       passed since it;</li>
 *   <li>a reference older than {@code maxReferenceAgeMs} (by its receive time) is not quoted on: a quoting
 *       (bot, market) pulls its orders with one empty intent;</li>
 *   <li>a (bot, market) in an engaged kill scope emits one empty intent and nothing more until released;</li>
 *   <li>an instrument whose data quality (md.quality) is not OK has no reference: a quoting (bot, market) pulls its
 *       orders with one empty intent, references are not used until OK, and quoting resumes on the first fresh
 *       reference made after the degradation (one that arrived before the OK event counts, if it is newer);</li>
 *   <li>a bot that is stopped emits one empty intent for each of its markets;</li>
 *   <li>two running bots never share a (wallet, market): the intent is the whole desired set of that pair.</li>
 * </ul>
 * Thread-safe (synchronized): the Kafka consumers, the tick and the API call it from different threads.
 */
public final class QuotingEngine {
    private static final int FILL_IDS_REMEMBERED = 4096;

    /** Service-wide settings; {@code venue} is the venue of a bot whose definition names none. */
    public record Settings(String venue, long heartbeatMs, long maxReferenceAgeMs) {
        public Settings {
            if (venue == null || venue.isBlank()) {
                throw new IllegalArgumentException("venue is missing");
            }
            if (heartbeatMs <= 0 || maxReferenceAgeMs <= 0) {
                throw new IllegalArgumentException("heartbeat and max reference age must be positive");
            }
        }
    }

    /** A start refused because another running bot quotes the same (wallet, market). */
    public static final class ClashException extends IllegalStateException {
        public ClashException(String message) {
            super(message);
        }
    }

    /** One market of one running bot. */
    private static final class Slot {
        final BotDefinition bot;
        final String venue;
        final String market;
        /** The reference instrument of the market. */
        final String instrument;
        final Strategy strategy;
        final MarketTick tick;
        final BotSummary summary;
        final OrderSet orders = new OrderSet();
        final OrderSet emitted = new OrderSet();
        BigDecimal reference;
        long referenceNanos;
        long originNanos;
        boolean everEmitted;
        long emittedAtMs;
        boolean quoting;
        boolean killAnnounced;
        String lastError;

        Slot(BotDefinition bot, String venue, BotFactory.Built built, BotSummary summary) {
            this.bot = bot;
            this.venue = venue;
            this.market = built.market();
            this.instrument = Instruments.referenceOf(built.market());
            this.strategy = built.strategy();
            this.tick = new MarketTick(built.market(), built.lot());
            this.summary = summary;
        }
    }

    private record Running(BotDefinition definition, List<Slot> slots, BotSummary summary) {
    }

    private final Settings settings;
    private final BotFactory factory;
    private final Map<String, Running> running = new LinkedHashMap<>();
    /**
     * "wallet/market" of every running slot. Positions are per (wallet, market) whatever the venue, so a (wallet,
     * market) has one slot even across venues (market names differ per venue anyway).
     */
    private final Map<String, Slot> byPair = new HashMap<>();
    /**
     * Instrument -> the running slots priced from it, in the order their bots started: a reference finds its slots
     * without a scan of every running slot (at 100 markets that scan was a tenth of quoting's work per reference).
     */
    private final Map<String, List<Slot>> byInstrument = new HashMap<>();
    private final Map<String, KillScope> engaged = new LinkedHashMap<>();
    /** The latest inputs, so a bot started later sees them at once: references per instrument. */
    private final Map<String, ReferencePrice> references = new HashMap<>();
    /** Venue books per "venue/market" (the md.venue-book key). */
    private final Map<String, VenueBook> books = new HashMap<>();
    private final Map<String, LivePosition> positions = new HashMap<>();
    private final Set<String> fillIds = new LinkedHashSet<>();
    /** Instrument -> time (price-feed's clock, ms) of the non-OK data-quality event that degraded it. */
    private final Map<String, Long> degradedSinceMs = new HashMap<>();
    /** Instrument -> time of the latest data-quality event seen, so an older one is ignored. */
    private final Map<String, Long> qualityTimeMs = new HashMap<>();
    /** Instrument -> the newest reference received while degraded, used on OK if made after the degradation. */
    private final Map<String, ReferencePrice> pendingReferences = new HashMap<>();
    private long nextSeq;

    /**
     * @param firstSeq the seq of the first intent; pass something that grows across restarts (e.g. epoch micros)
     *                 so that execution never takes a restarted quoting's intents for old ones
     */
    public QuotingEngine(Settings settings, BotFactory factory, long firstSeq) {
        this.settings = settings;
        this.factory = factory;
        this.nextSeq = firstSeq;
    }

    public Settings settings() {
        return settings;
    }

    /** The venue a bot quotes on: its definition's, else the service's default. */
    public String venueOf(BotDefinition definition) {
        return definition.venue() != null ? definition.venue() : settings.venue();
    }

    /** Checks that a definition builds (strategy, parameters, markets); throws {@link InvalidDefinitionException}. */
    public void validate(BotDefinition definition) {
        factory.build(definition);
    }

    /**
     * Starts a bot (a fresh strategy per market) with the summary it continues; it quotes at once on what the
     * engine already knows of its markets.
     *
     * @throws InvalidDefinitionException if it does not build
     * @throws ClashException             if a running bot already quotes one of its (wallet, market)s
     */
    public synchronized List<QuoteIntent> start(BotDefinition definition, BotSummary summary, long nowMs) {
        return start(definition, summary, Map.of(), nowMs);
    }

    /**
     * As {@link #start(BotDefinition, BotSummary, long)}, each market's strategy continuing from its saved
     * {@link Strategy#snapshot()} (market -> snapshot); a snapshot the strategy refuses leaves it fresh and shows as
     * the market's error.
     */
    public synchronized List<QuoteIntent> start(BotDefinition definition, BotSummary summary,
                                                Map<String, String> snapshots, long nowMs) {
        if (running.containsKey(definition.id())) {
            return List.of();
        }
        for (String market : definition.markets()) {
            Slot other = byPair.get(pair(definition.wallet(), market));
            if (other != null) {
                throw new ClashException("bot " + other.bot.id() + " already quotes " + definition.wallet() + "/" + market);
            }
        }
        Map<String, BotFactory.Built> built = factory.build(definition);
        String venue = venueOf(definition);
        List<Slot> slots = new ArrayList<>();
        for (BotFactory.Built b : built.values()) {
            Slot slot = new Slot(definition, venue, b, summary);
            String snapshot = snapshots.get(b.market());
            if (snapshot != null) {
                try {
                    slot.strategy.restore(snapshot);
                } catch (RuntimeException e) {
                    slot.lastError = "saved state not restored, starting fresh: " + e.getMessage();
                }
            }
            slots.add(slot);
            summary.market(b.market());
        }
        running.put(definition.id(), new Running(definition, slots, summary));
        List<QuoteIntent> out = new ArrayList<>();
        for (Slot slot : slots) {
            byPair.put(pair(definition.wallet(), slot.market), slot);
            byInstrument.computeIfAbsent(slot.instrument, i -> new ArrayList<>()).add(slot);
            ReferencePrice ref = references.get(slot.instrument);
            if (ref != null) {
                applyReference(slot, ref);
            }
            VenueBook book = books.get(bookKey(slot.venue, slot.market));
            if (book != null) {
                applyBook(slot, book);
            }
            applyPosition(slot, positions.get(pair(definition.wallet(), slot.market)));
            evaluate(slot, nowMs, out);
        }
        return out;
    }

    /** Stops a bot: one empty intent for each of its markets (none if it was not running). */
    public synchronized List<QuoteIntent> stop(String botId, long nowMs) {
        Running r = running.remove(botId);
        if (r == null) {
            return List.of();
        }
        List<QuoteIntent> out = new ArrayList<>();
        for (Slot slot : r.slots()) {
            byPair.remove(pair(r.definition().wallet(), slot.market));
            List<Slot> priced = byInstrument.get(slot.instrument);
            priced.remove(slot);
            if (priced.isEmpty()) {
                byInstrument.remove(slot.instrument);
            }
            slot.orders.clear();
            out.add(emit(slot, nowMs));
        }
        return out;
    }

    /** The strategies' state worth keeping across a restart, market -> snapshot (empty when not running). */
    public synchronized Map<String, String> snapshots(String botId) {
        Running r = running.get(botId);
        Map<String, String> out = new LinkedHashMap<>();
        if (r != null) {
            for (Slot s : r.slots()) {
                String snapshot = s.strategy.snapshot();
                if (snapshot != null) {
                    out.put(s.market, snapshot);
                }
            }
        }
        return out;
    }

    /** The strategies' own status per market (e.g. a grid's round trips); empty when not running. */
    public synchronized Map<String, Map<String, String>> strategyStatus(String botId) {
        Running r = running.get(botId);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (r != null) {
            for (Slot s : r.slots()) {
                Map<String, String> status = s.strategy.status();
                if (!status.isEmpty()) {
                    out.put(s.market, status);
                }
            }
        }
        return out;
    }

    public synchronized boolean isRunning(String botId) {
        return running.containsKey(botId);
    }

    public synchronized Set<String> runningBots() {
        return new TreeSet<>(running.keySet());
    }

    /** The last strategy error of each market of a running bot (empty when all quote fine). */
    public synchronized Map<String, String> errors(String botId) {
        Running r = running.get(botId);
        Map<String, String> out = new LinkedHashMap<>();
        if (r != null) {
            for (Slot s : r.slots()) {
                if (s.lastError != null) {
                    out.put(s.market, s.lastError);
                }
            }
        }
        return out;
    }

    public synchronized List<QuoteIntent> onReference(ReferencePrice reference, long nowMs) {
        if (degradedSinceMs.containsKey(reference.instrument())) {
            pendingReferences.merge(reference.instrument(), reference,
                    (a, b) -> b.receiveTimeNanos() >= a.receiveTimeNanos() ? b : a);
            return List.of();
        }
        ReferencePrice known = references.get(reference.instrument());
        if (known != null && reference.receiveTimeNanos() < known.receiveTimeNanos()) {
            return List.of();
        }
        references.put(reference.instrument(), reference);
        List<QuoteIntent> out = new ArrayList<>();
        for (Slot slot : slotsOfInstrument(reference.instrument())) {
            applyReference(slot, reference);
            evaluate(slot, nowMs, out);
        }
        return out;
    }

    /**
     * price-feed's data quality of an instrument (md.quality). DIVERGED or STALE: the instrument has no reference;
     * every quoting (bot, market) priced from it, on any venue, pulls its orders with one empty intent. OK: quoting
     * resumes on the first reference received after the degradation (by its receive time, price-feed's clock like the
     * event's time). An event older than the latest one seen for the instrument is ignored; an OK for an instrument
     * that was not degraded changes nothing.
     */
    public synchronized List<QuoteIntent> onQuality(DataQuality quality, long nowMs) {
        String instrument = quality.instrument();
        Long last = qualityTimeMs.get(instrument);
        if (last != null && quality.timeMs() < last) {
            return List.of();
        }
        qualityTimeMs.put(instrument, quality.timeMs());
        List<QuoteIntent> out = new ArrayList<>();
        if (!quality.ok()) {
            degradedSinceMs.putIfAbsent(instrument, quality.timeMs());
            references.remove(instrument);
            for (Slot slot : slotsOfInstrument(instrument)) {
                evaluate(slot, nowMs, out); // pulls a quoting slot
                slot.reference = null;
                slot.referenceNanos = 0;
            }
            return out;
        }
        Long since = degradedSinceMs.remove(instrument);
        ReferencePrice pending = pendingReferences.remove(instrument);
        if (since != null && pending != null && pending.receiveTimeNanos() >= since * 1_000_000L) {
            out.addAll(onReference(pending, nowMs));
        }
        return out;
    }

    /** The instruments whose data quality is not OK. */
    public synchronized Set<String> degradedInstruments() {
        return new TreeSet<>(degradedSinceMs.keySet());
    }

    /** A snapshot of one venue's book of a market: for the (bot, market)s on that venue and market. */
    public synchronized List<QuoteIntent> onVenueBook(VenueBook book, long nowMs) {
        String key = bookKey(book.venue(), book.market());
        VenueBook known = books.get(key);
        if (known != null && book.seq() < known.seq()) {
            return List.of();
        }
        books.put(key, book);
        List<QuoteIntent> out = new ArrayList<>();
        for (Slot slot : slotsOfMarket(book.venue(), book.market())) {
            applyBook(slot, book);
            evaluate(slot, nowMs, out);
        }
        return out;
    }

    public synchronized List<QuoteIntent> onPosition(PositionUpdate position, long nowMs) {
        String pair = pair(position.walletId(), position.market());
        LivePosition live = positions.computeIfAbsent(pair, p -> new LivePosition());
        live.onSnapshot(position.size(), position.fillCount());
        Slot slot = byPair.get(pair);
        if (slot == null) {
            return List.of();
        }
        applyPosition(slot, live);
        List<QuoteIntent> out = new ArrayList<>();
        evaluate(slot, nowMs, out);
        return out;
    }

    /**
     * A fill of a wallet: counted once per fill id, for the bot quoting that (wallet, market) on the fill's venue.
     * Every fill of the (wallet, market) counts in its position, as in portfolio's.
     */
    public synchronized List<QuoteIntent> onFill(Fill fill, long nowMs) {
        if (!fillIds.add(fill.fillId())) {
            return List.of();
        }
        if (fillIds.size() > FILL_IDS_REMEMBERED) {
            var it = fillIds.iterator();
            it.next();
            it.remove();
        }
        boolean buy = fill.side() == Side.BUY;
        String pair = pair(fill.walletId(), fill.market());
        LivePosition live = positions.computeIfAbsent(pair, p -> new LivePosition());
        live.onFill(buy ? fill.size() : fill.size().negate());
        Slot slot = byPair.get(pair);
        if (slot == null || !slot.venue.equals(fill.venue())) {
            return List.of();
        }
        applyPosition(slot, live);
        long px = Fixed.of(fill.price(), RoundingMode.HALF_EVEN);
        long sz = Fixed.of(fill.size(), RoundingMode.HALF_EVEN);
        slot.summary.fill(fill.market(), buy, fill.price(), fill.size(), fill.fee());
        slot.tick.fills().add(fill.timeMs(), buy, px, sz);
        if (fill.originNanos() > 0) {
            slot.originNanos = fill.originNanos();
        }
        try {
            slot.strategy.onFill(fill.timeMs(), buy, px, sz);
        } catch (RuntimeException e) {
            slot.lastError = "onFill: " + e;
        }
        List<QuoteIntent> out = new ArrayList<>();
        evaluate(slot, nowMs, out);
        return out;
    }

    private static void applyPosition(Slot slot, LivePosition live) {
        BigDecimal position = live == null ? null : live.current();
        if (position != null) {
            slot.tick.position(Fixed.of(position, RoundingMode.HALF_EVEN));
        }
    }

    public synchronized List<QuoteIntent> onKill(KillSwitch kill, long nowMs) {
        KillScope scope = KillScope.parse(kill.scope());
        if (kill.state() == KillState.ENGAGED) {
            engaged.put(kill.scope(), scope);
        } else {
            engaged.remove(kill.scope());
        }
        List<QuoteIntent> out = new ArrayList<>();
        for (Running r : running.values()) {
            for (Slot slot : r.slots()) {
                if (scope.covers(r.definition().wallet(), slot.market)) {
                    evaluate(slot, nowMs, out);
                }
            }
        }
        return out;
    }

    /** The clock: re-quotes every running (bot, market), re-emits what is due, pulls stale quotes. */
    public synchronized List<QuoteIntent> onTick(long nowMs) {
        List<QuoteIntent> out = new ArrayList<>();
        for (Running r : running.values()) {
            for (Slot slot : r.slots()) {
                evaluate(slot, nowMs, out);
            }
        }
        return out;
    }

    public synchronized Set<String> engagedScopes() {
        return new TreeSet<>(engaged.keySet());
    }

    public synchronized boolean isBlocked(String walletId, String market) {
        for (KillScope s : engaged.values()) {
            if (s.covers(walletId, market)) {
                return true;
            }
        }
        return false;
    }

    /** The running (bot, market)s priced from an instrument, on every venue. */
    private List<Slot> slotsOfInstrument(String instrument) {
        List<Slot> slots = byInstrument.get(instrument);
        return slots == null ? List.of() : slots;
    }

    /** The running (bot, market)s on one venue's market. */
    private List<Slot> slotsOfMarket(String venue, String market) {
        List<Slot> out = new ArrayList<>();
        for (Running r : running.values()) {
            for (Slot slot : r.slots()) {
                if (slot.venue.equals(venue) && slot.market.equals(market)) {
                    out.add(slot);
                }
            }
        }
        return out;
    }

    private static String pair(String wallet, String market) {
        return wallet + "/" + market;
    }

    private static String bookKey(String venue, String market) {
        return venue + "/" + market;
    }

    private static void applyReference(Slot slot, ReferencePrice ref) {
        slot.reference = ref.price();
        slot.referenceNanos = ref.receiveTimeNanos();
        slot.originNanos = ref.receiveTimeNanos();
        slot.tick.reference(Fixed.of(ref.price(), RoundingMode.HALF_EVEN), ref.receiveTimeNanos() / 1_000_000L);
    }

    private static void applyBook(Slot slot, VenueBook book) {
        Book b = slot.tick.book();
        b.clear(book.venueTimeMs());
        for (PriceLevel level : book.bids()) {
            b.addBid(Fixed.of(level.price(), RoundingMode.FLOOR), Fixed.of(level.size(), RoundingMode.FLOOR));
        }
        for (PriceLevel level : book.asks()) {
            b.addAsk(Fixed.of(level.price(), RoundingMode.CEILING), Fixed.of(level.size(), RoundingMode.FLOOR));
        }
        if (book.receiveTimeNanos() > 0) {
            slot.originNanos = book.receiveTimeNanos();
        }
    }

    private void evaluate(Slot slot, long nowMs, List<QuoteIntent> out) {
        if (isBlocked(slot.bot.wallet(), slot.market)) {
            if (!slot.killAnnounced) {
                slot.orders.clear();
                out.add(emit(slot, nowMs));
                slot.killAnnounced = true;
            }
            return;
        }
        if (slot.killAnnounced) {
            slot.killAnnounced = false;
            slot.everEmitted = false; // quote again at once after a release
        }
        if (degradedSinceMs.containsKey(slot.instrument)) {
            if (slot.quoting) {
                slot.orders.clear();
                out.add(emit(slot, nowMs));
            }
            return;
        }
        if (slot.reference == null) {
            return;
        }
        if (nowMs - slot.referenceNanos / 1_000_000L > settings.maxReferenceAgeMs()) {
            if (slot.quoting) {
                slot.orders.clear();
                out.add(emit(slot, nowMs));
            }
            return;
        }
        slot.orders.clear();
        slot.tick.nowMs(nowMs);
        try {
            slot.strategy.quote(slot.tick, slot.orders);
            slot.lastError = null;
        } catch (RuntimeException e) {
            // a strategy that fails must not keep stale quotes out there: pull them, say why in the bot's status
            slot.lastError = "quote: " + e;
            slot.orders.clear();
            if (slot.quoting) {
                out.add(emit(slot, nowMs));
            }
            return;
        }
        boolean due = !slot.everEmitted
                || !same(slot.orders, slot.emitted)
                || nowMs - slot.emittedAtMs >= settings.heartbeatMs();
        if (due) {
            out.add(emit(slot, nowMs));
        }
    }

    /** Emits slot.orders as the (wallet, market)'s intent. */
    private QuoteIntent emit(Slot slot, long nowMs) {
        QuoteIntent intent = new QuoteIntent(slot.bot.wallet(), slot.venue, slot.market, nextSeq++,
                slot.bot.strategy(), slot.reference, nowMs, slot.originNanos, slot.orders.toDesired());
        slot.emitted.copyFrom(slot.orders);
        slot.everEmitted = true;
        slot.emittedAtMs = nowMs;
        slot.quoting = !slot.orders.isEmpty();
        slot.summary.intent(slot.market, slot.orders.size());
        return intent;
    }

    static boolean same(OrderSet a, OrderSet b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.buy(i) != b.buy(i) || a.px(i) != b.px(i) || a.sz(i) != b.sz(i) || a.level(i) != b.level(i)
                    || a.tif(i) != b.tif(i)) {
                return false;
            }
        }
        return true;
    }
}
