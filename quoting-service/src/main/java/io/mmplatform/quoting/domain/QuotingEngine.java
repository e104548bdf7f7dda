package io.mmplatform.quoting.domain;

import io.mmplatform.common.Decimals;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides when each bot emits a quote intent. Plain Java, driven by events and a clock passed in:
 * <ul>
 *   <li>an intent is (re-)emitted when the reference moved more than {@code minMoveBps} since the last intent,
 *       when the bot's position changed, or when {@code heartbeatMs} passed since the last one;</li>
 *   <li>a reference older than {@code maxReferenceAgeMs} (by its receive time) is not quoted on: a bot that was
 *       quoting pulls its orders with one empty intent;</li>
 *   <li>a bot covered by an engaged kill scope emits one empty intent when the kill engages and nothing more
 *       until it is released.</li>
 * </ul>
 * Thread-safe (synchronized): the Kafka consumers and the heartbeat tick call it from different threads.
 */
public final class QuotingEngine {

    /** Service-wide settings. */
    public record Settings(String venue, BigDecimal minMoveBps, long heartbeatMs, long maxReferenceAgeMs) {
        public Settings {
            if (venue == null || venue.isBlank()) {
                throw new IllegalArgumentException("venue is missing");
            }
            if (minMoveBps == null || minMoveBps.signum() < 0) {
                throw new IllegalArgumentException("min-move-bps must be >= 0");
            }
            if (heartbeatMs <= 0 || maxReferenceAgeMs <= 0) {
                throw new IllegalArgumentException("heartbeat and max reference age must be positive");
            }
        }
    }

    private static final class BotState {
        final Bot bot;
        ReferencePrice reference;
        BigDecimal position = BigDecimal.ZERO;
        BigDecimal emittedReference;
        BigDecimal emittedPosition;
        long emittedAtMs;
        boolean quoting;
        boolean killAnnounced;

        BotState(Bot bot) {
            this.bot = bot;
        }
    }

    private final Settings settings;
    private final Map<String, BotState> bots = new LinkedHashMap<>();
    private final Map<String, KillScope> engaged = new LinkedHashMap<>();
    private long nextSeq;

    /**
     * @param firstSeq the seq of the first intent; pass something that grows across restarts (e.g. epoch micros)
     *                 so that execution never takes a restarted quoting's intents for old ones
     */
    public QuotingEngine(Settings settings, Collection<Bot> bots, long firstSeq) {
        this.settings = settings;
        for (Bot bot : bots) {
            if (this.bots.putIfAbsent(bot.id(), new BotState(bot)) != null) {
                throw new IllegalArgumentException("duplicate bot id " + bot.id());
            }
        }
        this.nextSeq = firstSeq;
    }

    public synchronized List<QuoteIntent> onReference(ReferencePrice reference, long nowMs) {
        List<QuoteIntent> out = new ArrayList<>();
        for (BotState state : bots.values()) {
            if (state.bot.market().equals(reference.instrument())) {
                if (state.reference == null || reference.receiveTimeNanos() >= state.reference.receiveTimeNanos()) {
                    state.reference = reference;
                }
                evaluate(state, nowMs, out);
            }
        }
        return out;
    }

    public synchronized List<QuoteIntent> onPosition(PositionUpdate position, long nowMs) {
        List<QuoteIntent> out = new ArrayList<>();
        for (BotState state : bots.values()) {
            if (state.bot.walletId().equals(position.walletId()) && state.bot.market().equals(position.market())) {
                state.position = position.size();
                evaluate(state, nowMs, out);
            }
        }
        return out;
    }

    public synchronized List<QuoteIntent> onKill(KillSwitch kill, long nowMs) {
        KillScope scope = KillScope.parse(kill.scope());
        if (kill.state() == KillState.ENGAGED) {
            engaged.put(kill.scope(), scope);
        } else {
            engaged.remove(kill.scope());
        }
        List<QuoteIntent> out = new ArrayList<>();
        for (BotState state : bots.values()) {
            if (scope.covers(state.bot.walletId(), state.bot.market())) {
                evaluate(state, nowMs, out);
            }
        }
        return out;
    }

    /** The heartbeat: re-emits what is due and pulls quotes whose reference went stale. */
    public synchronized List<QuoteIntent> onTick(long nowMs) {
        List<QuoteIntent> out = new ArrayList<>();
        for (BotState state : bots.values()) {
            evaluate(state, nowMs, out);
        }
        return out;
    }

    public synchronized Set<String> engagedScopes() {
        return new TreeSet<>(engaged.keySet());
    }

    public synchronized boolean isBlocked(String walletId, String market) {
        return engaged.values().stream().anyMatch(s -> s.covers(walletId, market));
    }

    public synchronized List<Bot> bots() {
        return bots.values().stream().map(s -> s.bot).toList();
    }

    private void evaluate(BotState state, long nowMs, List<QuoteIntent> out) {
        Bot bot = state.bot;
        if (isBlocked(bot.walletId(), bot.market())) {
            if (!state.killAnnounced) {
                out.add(emit(state, List.of(), nowMs));
                state.killAnnounced = true;
            }
            return;
        }
        state.killAnnounced = false;
        ReferencePrice ref = state.reference;
        if (ref == null) {
            return;
        }
        long ageMs = nowMs - ref.receiveTimeNanos() / 1_000_000L;
        if (ageMs > settings.maxReferenceAgeMs()) {
            if (state.quoting) {
                out.add(emit(state, List.of(), nowMs));
            }
            return;
        }
        boolean due = state.emittedReference == null
                || state.emittedPosition == null
                || state.emittedPosition.compareTo(state.position) != 0
                || Decimals.diffBps(ref.price(), state.emittedReference).abs().compareTo(settings.minMoveBps()) > 0
                || nowMs - state.emittedAtMs >= settings.heartbeatMs();
        if (!due) {
            return;
        }
        List<DesiredOrder> orders = LadderStrategy.quote(ref.price(), bot.ladder(), state.position);
        out.add(emit(state, orders, nowMs));
    }

    private QuoteIntent emit(BotState state, List<DesiredOrder> orders, long nowMs) {
        ReferencePrice ref = state.reference;
        QuoteIntent intent = new QuoteIntent(state.bot.walletId(), settings.venue(), state.bot.market(), nextSeq++,
                LadderStrategy.NAME, ref == null ? null : ref.price(), nowMs,
                ref == null ? 0L : ref.receiveTimeNanos(), orders);
        state.emittedAtMs = nowMs;
        state.quoting = !orders.isEmpty();
        if (orders.isEmpty()) {
            // the next quote after a pull (kill released, fresh reference) goes out at once
            state.emittedReference = null;
            state.emittedPosition = null;
        } else {
            state.emittedReference = ref.price();
            state.emittedPosition = state.position;
        }
        return intent;
    }
}
