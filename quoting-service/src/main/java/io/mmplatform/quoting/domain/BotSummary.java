package io.mmplatform.quoting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bot did on its venue, per market and in total: intents and orders emitted, fills (count, size,
 * notional), fees, realized profit by average cost and the position its own fills built. Exact decimals; the
 * average entry is kept to 18 decimals (the only division). Thread-safe.
 */
public final class BotSummary {
    private static final int AVG_SCALE = 18;

    /**
     * One market's figures (or the total, with market "total" and no position or average entry).
     *
     * @param volume   total filled size
     * @param notional total filled price x size
     */
    public record MarketSummary(String market, long intents, long orders, long fills, BigDecimal volume,
                                BigDecimal notional, BigDecimal fees, BigDecimal realizedPnl, BigDecimal position,
                                BigDecimal avgEntry) {
    }

    /**
     * A copy of the figures, for the API and the state file.
     *
     * @param venue the venue the bot quotes on (null in a state file written before bots had one)
     */
    public record Snapshot(String venue, List<MarketSummary> markets, MarketSummary total) {
    }

    private static final class Figures {
        long intents;
        long orders;
        long fills;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal position = BigDecimal.ZERO;
        BigDecimal avgEntry = BigDecimal.ZERO;
    }

    private final String venue;
    private final Map<String, Figures> markets = new LinkedHashMap<>();

    /** @param venue the venue of the bot's markets */
    public BotSummary(String venue) {
        this(venue, null);
    }

    /** Continues from a saved snapshot (its figures; the venue is the bot's current one). */
    public BotSummary(String venue, Snapshot saved) {
        this.venue = venue;
        if (saved != null) {
            for (MarketSummary m : saved.markets()) {
                Figures f = figures(m.market());
                f.intents = m.intents();
                f.orders = m.orders();
                f.fills = m.fills();
                f.volume = orZero(m.volume());
                f.notional = orZero(m.notional());
                f.fees = orZero(m.fees());
                f.realized = orZero(m.realizedPnl());
                f.position = orZero(m.position());
                f.avgEntry = orZero(m.avgEntry());
            }
        }
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private Figures figures(String market) {
        return markets.computeIfAbsent(market, m -> new Figures());
    }

    /** Lists a market (with zero figures until something happens there). */
    public synchronized void market(String market) {
        figures(market);
    }

    public synchronized void intent(String market, int orders) {
        Figures f = figures(market);
        f.intents++;
        f.orders += orders;
    }

    /** One fill of the bot's wallet in a market; fee negative for a rebate. */
    public synchronized void fill(String market, boolean buy, BigDecimal price, BigDecimal size, BigDecimal fee) {
        Figures f = figures(market);
        f.fills++;
        f.volume = f.volume.add(size);
        f.notional = f.notional.add(price.multiply(size));
        f.fees = f.fees.add(fee);
        BigDecimal signed = buy ? size : size.negate();
        BigDecimal pos = f.position;
        if (pos.signum() == 0 || pos.signum() == signed.signum()) {
            // growing (or opening): the average entry moves to the weighted mean
            BigDecimal cost = f.avgEntry.multiply(pos.abs()).add(price.multiply(size));
            f.position = pos.add(signed);
            f.avgEntry = cost.divide(f.position.abs(), AVG_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
            return;
        }
        BigDecimal closed = size.min(pos.abs());
        // a long closed by a sale earns price - entry; a short closed by a buy earns entry - price
        BigDecimal perUnit = pos.signum() > 0 ? price.subtract(f.avgEntry) : f.avgEntry.subtract(price);
        f.realized = f.realized.add(perUnit.multiply(closed));
        f.position = pos.add(signed);
        if (f.position.signum() == 0) {
            f.avgEntry = BigDecimal.ZERO;
        } else if (f.position.signum() != pos.signum()) {
            f.avgEntry = price; // flipped: the rest opened at this fill's price
        }
    }

    public synchronized Snapshot snapshot() {
        List<MarketSummary> list = new ArrayList<>();
        long intents = 0;
        long orders = 0;
        long fills = 0;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        for (Map.Entry<String, Figures> e : markets.entrySet()) {
            Figures f = e.getValue();
            list.add(new MarketSummary(e.getKey(), f.intents, f.orders, f.fills, plain(f.volume), plain(f.notional),
                    plain(f.fees), plain(f.realized), plain(f.position), plain(f.avgEntry)));
            intents += f.intents;
            orders += f.orders;
            fills += f.fills;
            volume = volume.add(f.volume);
            notional = notional.add(f.notional);
            fees = fees.add(f.fees);
            realized = realized.add(f.realized);
        }
        return new Snapshot(venue, List.copyOf(list), new MarketSummary("total", intents, orders, fills, plain(volume),
                plain(notional), plain(fees), plain(realized), null, null));
    }

    private static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

}
