package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.QuoteIntent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bots the service knows: read-only ones from the bots directory, and ones created through the API (kept in
 * the {@link BotStore}); which run (kept across restarts) and their summaries. Starting and stopping goes through
 * the {@link QuotingEngine}; every method returns the intents to publish.
 * <p>
 * A bot from the bots directory runs when first seen if it is enabled; a bot created through the API is stopped
 * until started; afterwards the saved running state wins. A disabled bot never runs. Two enabled bots never share a
 * (wallet, market).
 */
public final class BotRegistry {

    /** Where a definition comes from. */
    public enum Origin { FILE, API }

    /**
     * A bot's definition and status.
     *
     * @param venue    the venue it quotes on (its definition's, else the service's default)
     * @param strategy the strategies' own status per market (e.g. a grid's round trips), while running
     */
    public record Status(BotDefinition definition, Origin origin, String venue, boolean running,
                         Map<String, String> errors, Map<String, Map<String, String>> strategy) {
    }

    /** 404. */
    public static final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    /** 409: a duplicate id, a (wallet, market) clash, or an operation the bot's origin or state does not allow. */
    public static final class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    private record Entry(BotDefinition definition, Origin origin, BotSummary summary) {
    }

    private final QuotingEngine engine;
    private final BotStore store;
    private final Map<String, Entry> bots = new LinkedHashMap<>();
    private final Map<String, Boolean> wanted = new LinkedHashMap<>();
    /** bot -> market -> the strategy's last snapshot (what a restart or a later start continues from). */
    private final Map<String, Map<String, String>> snapshots = new LinkedHashMap<>();

    /**
     * Loads the definitions (the file ones first, then the store's) and the saved state, and starts what should
     * run. A definition that does not build or clashes fails here (IllegalStateException / InvalidDefinitionException).
     */
    public BotRegistry(QuotingEngine engine, BotStore store, List<BotDefinition> fileBots, long nowMs,
                       List<QuoteIntent> out) {
        this.engine = engine;
        this.store = store;
        for (BotDefinition d : fileBots) {
            add(d, Origin.FILE, null);
        }
        for (BotDefinition d : store.loadDefinitions()) {
            if (bots.containsKey(d.id())) {
                throw new IllegalStateException("bot " + d.id() + " is defined both in the bots directory and in the "
                        + "state directory");
            }
            add(d, Origin.API, null);
        }
        BotStore.State state = store.loadState();
        for (Entry e : List.copyOf(bots.values())) {
            BotSummary.Snapshot saved = state.summaries().get(e.definition().id());
            if (saved != null) {
                bots.put(e.definition().id(), new Entry(e.definition(), e.origin(),
                        new BotSummary(engine.venueOf(e.definition()), saved)));
            }
            Map<String, String> savedState = state.snapshots().get(e.definition().id());
            if (savedState != null) {
                snapshots.put(e.definition().id(), new LinkedHashMap<>(savedState));
            }
            Boolean run = state.running().get(e.definition().id());
            wanted.put(e.definition().id(), run != null ? run : e.origin() == Origin.FILE);
        }
        for (Entry e : bots.values()) {
            if (e.definition().enabled() && wanted.get(e.definition().id())) {
                out.addAll(engine.start(e.definition(), e.summary(), snapshotsOf(e.definition().id()), nowMs));
            }
        }
        persist();
    }

    private void add(BotDefinition d, Origin origin, BotSummary summary) {
        if (bots.containsKey(d.id())) {
            throw new ConflictException("a bot with id " + d.id() + " already exists");
        }
        engine.validate(d);
        if (d.enabled()) {
            for (Entry other : bots.values()) {
                if (!other.definition().enabled() || !other.definition().wallet().equals(d.wallet())) {
                    continue;
                }
                for (String market : d.markets()) {
                    if (other.definition().markets().contains(market)) {
                        throw new ConflictException("bot " + other.definition().id() + " already quotes " + d.wallet()
                                + "/" + market + " (one enabled bot per wallet and market)");
                    }
                }
            }
        }
        bots.put(d.id(), new Entry(d, origin, summary == null ? new BotSummary(engine.venueOf(d)) : summary));
    }

    /** Defines a new bot through the API; it is stopped until started. */
    public synchronized Status define(BotDefinition definition) {
        add(definition, Origin.API, null);
        try {
            store.saveDefinition(definition);
        } catch (RuntimeException e) {
            bots.remove(definition.id());
            throw e;
        }
        wanted.put(definition.id(), false);
        persist();
        return status(definition.id());
    }

    public synchronized List<QuoteIntent> start(String id, long nowMs) {
        Entry e = entry(id);
        if (!e.definition().enabled()) {
            throw new ConflictException("bot " + id + " is disabled");
        }
        List<QuoteIntent> out;
        try {
            out = engine.start(e.definition(), e.summary(), snapshotsOf(id), nowMs);
        } catch (QuotingEngine.ClashException clash) {
            throw new ConflictException(clash.getMessage());
        }
        wanted.put(id, true);
        persist();
        return out;
    }

    public synchronized List<QuoteIntent> stop(String id, long nowMs) {
        entry(id);
        keepSnapshots(id);
        List<QuoteIntent> out = engine.stop(id, nowMs);
        wanted.put(id, false);
        persist();
        return out;
    }

    /** Stops and removes a bot created through the API (a bots-directory bot is removed by deleting its file). */
    public synchronized List<QuoteIntent> delete(String id, long nowMs) {
        Entry e = entry(id);
        if (e.origin() != Origin.API) {
            throw new ConflictException("bot " + id + " is defined in the bots directory: remove its file instead");
        }
        List<QuoteIntent> out = engine.stop(id, nowMs);
        store.deleteDefinition(id);
        bots.remove(id);
        wanted.remove(id);
        snapshots.remove(id);
        persist();
        return out;
    }

    public synchronized List<Status> list() {
        List<Status> out = new ArrayList<>();
        for (String id : bots.keySet()) {
            out.add(status(id));
        }
        return out;
    }

    public synchronized Status status(String id) {
        Entry e = entry(id);
        return new Status(e.definition(), e.origin(), engine.venueOf(e.definition()), engine.isRunning(id),
                engine.errors(id), engine.strategyStatus(id));
    }

    public synchronized BotSummary.Snapshot summary(String id) {
        return entry(id).summary().snapshot();
    }

    /** Saves which bots run and their summaries (also called periodically, so the summaries survive a crash). */
    public synchronized void persist() {
        Map<String, BotSummary.Snapshot> summaries = new LinkedHashMap<>();
        bots.forEach((id, e) -> summaries.put(id, e.summary().snapshot()));
        engine.runningBots().forEach(this::keepSnapshots);
        store.saveState(new BotStore.State(wanted, summaries, snapshots));
    }

    private void keepSnapshots(String id) {
        Map<String, String> now = engine.snapshots(id);
        if (!now.isEmpty()) {
            snapshots.put(id, now);
        }
    }

    private Map<String, String> snapshotsOf(String id) {
        return snapshots.getOrDefault(id, Map.of());
    }

    private Entry entry(String id) {
        Entry e = bots.get(id);
        if (e == null) {
            throw new NotFoundException("no bot " + id);
        }
        return e;
    }
}
