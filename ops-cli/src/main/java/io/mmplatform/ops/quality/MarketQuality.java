package io.mmplatform.ops.quality;

import io.mmplatform.common.Instruments;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.PriceLevel;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The market quality of {@code ./mm quality}: fed with decoded md.reference, md.venue-book and exec.orders messages
 * (in any order), it reports per venue/market how closely the venue's mid tracks the reference, how deep and how
 * two-sided the book is, and how often our orders are accepted. Plain Java: no Kafka, no clock of its own (the times
 * are the messages' receive times, price-feed's clock for both the reference and the book).
 *
 * <p>Definitions (every number computed with BigDecimal, rounded only in the report):
 * <ul>
 *   <li>a <em>book</em> is one md.venue-book update; a <em>sample</em> is a book with both sides (a positive-size
 *       level on each); its mid is (best bid + best ask) / 2;</li>
 *   <li>tracking error: |mid - reference| / reference in bps, against the latest reference at or before the book of
 *       the market's reference instrument, {@link Instruments#referenceOf} ({@code INJ} for Hyperliquid's
 *       {@code INJ} and for Injective's {@code INJ/USDT} and {@code INJ/USDT-PERP}); a sample with no earlier
 *       reference is left out; p50/p99 are nearest-rank percentiles (the value at rank ceil(p x n / 100) of the
 *       sorted errors);</li>
 *   <li>depth bands: per side, the levels and the USD notional (price x size) at most 25, 50, 100 bps from the mid,
 *       averaged over the samples;</li>
 *   <li>two-sided uptime: between consecutive books (ordered by time), the interval counts as up when the earlier
 *       book has both sides, is not crossed, its spread is at most max-spread bps of the mid and each side has at least
 *       min-depth USD within max-spread bps of the mid; the last book opens no interval;</li>
 *   <li>liquidity score: per sample and side, the sum over all levels of notional / max(distance from the mid in bps,
 *       1); the smaller side is the sample's score; averaged over the samples;</li>
 *   <li>order success rate: ACK / (ACK + REJECT) of the market's exec.orders; rejects grouped by the first 40
 *       characters of their reason;</li>
 *   <li>wallets: the wallets of the market's exec.orders (any event), which ties a venue's per-wallet counters
 *       (Injective's sequence errors) to its markets.</li>
 * </ul>
 */
public final class MarketQuality {
    /** The depth bands, in bps from the mid. */
    public static final List<Integer> BANDS_BPS = List.of(25, 50, 100);
    /** Length of the reason prefix rejects are grouped by. */
    public static final int REASON_PREFIX = 40;

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /**
     * @param maxSpreadBps the widest spread (bps of the mid) that still counts as two-sided
     * @param minDepthUsd  the notional each side needs within max-spread bps of the mid
     * @param markets      the markets to report (market names or venue/market keys); empty: every market
     */
    public record Settings(BigDecimal maxSpreadBps, BigDecimal minDepthUsd, Set<String> markets) {
        public Settings {
            if (maxSpreadBps.signum() < 0 || minDepthUsd.signum() < 0) {
                throw new IllegalArgumentException("max-spread-bps and min-depth-usd must not be negative");
            }
            markets = markets == null ? Set.of() : Set.copyOf(markets);
        }
    }

    /**
     * Per venue/market, over the window. Averages and rates are null when there was nothing to average.
     *
     * @param reference the reference instrument the market is scored against
     * @param wallets   the wallets of the market's orders in the window, sorted
     */
    public record MarketReport(String venue, String market, String reference, long books, long samples,
                               Tracking tracking, List<Band> depth, BigDecimal uptime, BigDecimal liquidityScore,
                               Orders orders, Set<String> wallets) {
        public String key() {
            return venue + "/" + market;
        }
    }

    /** Tracking error of the venue mid to the reference, bps, rounded to 0.01. */
    public record Tracking(long samples, BigDecimal p50Bps, BigDecimal p99Bps, BigDecimal maxBps) {
    }

    /** Average levels and USD notional per side within {@code withinBps} of the mid. */
    public record Band(int withinBps, BigDecimal bidLevels, BigDecimal askLevels, BigDecimal bidUsd, BigDecimal askUsd) {
    }

    /** ACKs and REJECTs of the market's orders; successRate null without either. */
    public record Orders(long acks, long rejects, BigDecimal successRate, Map<String, Long> rejectsByReason) {
    }

    /** What one book contributes; the book-only parts are computed when it arrives, the tracking error at the end. */
    private record Sample(long timeNanos, long seq, BigDecimal mid, boolean up, int[][] levels, BigDecimal[][] usd,
                          BigDecimal score) {
        boolean twoSided() {
            return mid != null;
        }
    }

    private static final class Market {
        final String venue;
        final String market;
        final List<Sample> books = new ArrayList<>();
        long acks;
        long rejects;
        final Map<String, Long> rejectsByReason = new TreeMap<>();
        final Set<String> wallets = new TreeSet<>();

        Market(String venue, String market) {
            this.venue = venue;
            this.market = market;
        }
    }

    private final Settings settings;
    private final Map<String, NavigableMap<Long, BigDecimal>> references = new HashMap<>();
    private final Map<String, Market> markets = new TreeMap<>();

    public MarketQuality(Settings settings) {
        this.settings = settings;
    }

    public void onReference(ReferencePrice reference) {
        long time = reference.receiveTimeNanos() > 0 ? reference.receiveTimeNanos() : reference.publishTimeMs() * 1_000_000L;
        references.computeIfAbsent(reference.instrument(), i -> new TreeMap<>()).put(time, reference.price());
    }

    public void onBook(VenueBook book) {
        if (!wanted(book.venue(), book.market())) {
            return;
        }
        long time = book.receiveTimeNanos() > 0 ? book.receiveTimeNanos() : book.venueTimeMs() * 1_000_000L;
        market(book.venue(), book.market()).books.add(sample(time, book));
    }

    public void onOrder(OrderEvent order) {
        if (!wanted(order.venue(), order.market())) {
            return;
        }
        market(order.venue(), order.market()).wallets.add(order.walletId());
        if (order.event() == OrderEventType.ACK) {
            market(order.venue(), order.market()).acks++;
        } else if (order.event() == OrderEventType.REJECT) {
            Market m = market(order.venue(), order.market());
            m.rejects++;
            String reason = order.reason() == null || order.reason().isBlank() ? "(no reason)" : order.reason();
            String prefix = reason.length() > REASON_PREFIX ? reason.substring(0, REASON_PREFIX) : reason;
            m.rejectsByReason.merge(prefix, 1L, Long::sum);
        }
    }

    /** The report of every market seen (books or orders), sorted by venue/market. */
    public List<MarketReport> report() {
        List<MarketReport> out = new ArrayList<>();
        for (Market m : markets.values()) {
            out.add(report(m));
        }
        return out;
    }

    private boolean wanted(String venue, String market) {
        return settings.markets().isEmpty() || settings.markets().contains(market)
                || settings.markets().contains(venue + "/" + market);
    }

    private Market market(String venue, String market) {
        return markets.computeIfAbsent(venue + "/" + market, k -> new Market(venue, market));
    }

    private Sample sample(long time, VenueBook book) {
        List<PriceLevel> bids = book.bids().stream().filter(l -> l.size().signum() > 0 && l.price().signum() > 0).toList();
        List<PriceLevel> asks = book.asks().stream().filter(l -> l.size().signum() > 0 && l.price().signum() > 0).toList();
        if (bids.isEmpty() || asks.isEmpty()) {
            return new Sample(time, book.seq(), null, false, null, null, null);
        }
        BigDecimal bestBid = bids.stream().map(PriceLevel::price).max(Comparator.naturalOrder()).orElseThrow();
        BigDecimal bestAsk = asks.stream().map(PriceLevel::price).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal mid = bestBid.add(bestAsk).divide(TWO); // exact: a half of a finite decimal is finite
        int[][] levels = new int[2][BANDS_BPS.size()];
        BigDecimal[][] usd = new BigDecimal[2][BANDS_BPS.size()];
        BigDecimal[] withinMaxSpread = new BigDecimal[2];
        BigDecimal[] score = new BigDecimal[2];
        List<List<PriceLevel>> sides = List.of(bids, asks);
        for (int side = 0; side < 2; side++) {
            Arrays.fill(usd[side], BigDecimal.ZERO);
            withinMaxSpread[side] = BigDecimal.ZERO;
            score[side] = BigDecimal.ZERO;
            for (PriceLevel level : sides.get(side)) {
                BigDecimal notional = level.price().multiply(level.size());
                BigDecimal distance = distanceBps(level.price(), mid);
                for (int b = 0; b < BANDS_BPS.size(); b++) {
                    if (distance.compareTo(BigDecimal.valueOf(BANDS_BPS.get(b))) <= 0) {
                        levels[side][b]++;
                        usd[side][b] = usd[side][b].add(notional);
                    }
                }
                if (distance.compareTo(settings.maxSpreadBps()) <= 0) {
                    withinMaxSpread[side] = withinMaxSpread[side].add(notional);
                }
                score[side] = score[side].add(notional.divide(distance.max(BigDecimal.ONE), MC));
            }
        }
        BigDecimal spreadBps = bestAsk.subtract(bestBid).multiply(BPS).divide(mid, MC);
        boolean up = bestBid.compareTo(bestAsk) < 0
                && spreadBps.compareTo(settings.maxSpreadBps()) <= 0
                && withinMaxSpread[0].compareTo(settings.minDepthUsd()) >= 0
                && withinMaxSpread[1].compareTo(settings.minDepthUsd()) >= 0;
        return new Sample(time, book.seq(), mid, up, levels, usd, score[0].min(score[1]));
    }

    private static BigDecimal distanceBps(BigDecimal price, BigDecimal mid) {
        return price.subtract(mid).abs().multiply(BPS).divide(mid, MC);
    }

    private MarketReport report(Market m) {
        List<Sample> books = new ArrayList<>(m.books);
        books.sort(Comparator.comparingLong(Sample::timeNanos).thenComparingLong(Sample::seq));
        List<Sample> samples = books.stream().filter(Sample::twoSided).toList();
        String reference = referenceOf(m.market);
        return new MarketReport(m.venue, m.market, reference, books.size(), samples.size(),
                tracking(reference, samples), depth(samples), uptime(books), averageScore(samples), orders(m),
                Collections.unmodifiableSet(new TreeSet<>(m.wallets)));
    }

    /** The reference instrument of a market, by the platform's one rule; the market itself if it names none. */
    static String referenceOf(String market) {
        try {
            return Instruments.referenceOf(market);
        } catch (IllegalArgumentException blank) {
            return market;
        }
    }

    private Tracking tracking(String reference, List<Sample> samples) {
        NavigableMap<Long, BigDecimal> refs = references.getOrDefault(reference, new TreeMap<>());
        List<BigDecimal> errors = new ArrayList<>();
        for (Sample s : samples) {
            Map.Entry<Long, BigDecimal> ref = refs.floorEntry(s.timeNanos());
            if (ref != null) {
                errors.add(s.mid().subtract(ref.getValue()).abs().multiply(BPS).divide(ref.getValue(), MC));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        errors.sort(Comparator.naturalOrder());
        return new Tracking(errors.size(), round(percentile(errors, 50)), round(percentile(errors, 99)),
                round(errors.get(errors.size() - 1)));
    }

    /** Nearest rank: the value at rank ceil(p x n / 100) (1-based) of the sorted values. */
    static BigDecimal percentile(List<BigDecimal> sorted, int p) {
        int rank = (int) Math.ceil(p * sorted.size() / 100.0);
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static List<Band> depth(List<Sample> samples) {
        List<Band> bands = new ArrayList<>();
        for (int b = 0; b < BANDS_BPS.size(); b++) {
            if (samples.isEmpty()) {
                bands.add(new Band(BANDS_BPS.get(b), null, null, null, null));
                continue;
            }
            BigDecimal[] levels = {BigDecimal.ZERO, BigDecimal.ZERO};
            BigDecimal[] usd = {BigDecimal.ZERO, BigDecimal.ZERO};
            for (Sample s : samples) {
                for (int side = 0; side < 2; side++) {
                    levels[side] = levels[side].add(BigDecimal.valueOf(s.levels()[side][b]));
                    usd[side] = usd[side].add(s.usd()[side][b]);
                }
            }
            BigDecimal n = BigDecimal.valueOf(samples.size());
            bands.add(new Band(BANDS_BPS.get(b), round(levels[0].divide(n, MC)), round(levels[1].divide(n, MC)),
                    round(usd[0].divide(n, MC)), round(usd[1].divide(n, MC))));
        }
        return bands;
    }

    private static BigDecimal uptime(List<Sample> books) {
        long total = 0;
        long up = 0;
        for (int i = 0; i + 1 < books.size(); i++) {
            long dt = books.get(i + 1).timeNanos() - books.get(i).timeNanos();
            total += dt;
            if (books.get(i).up()) {
                up += dt;
            }
        }
        if (total <= 0) {
            return null;
        }
        return BigDecimal.valueOf(up).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal averageScore(List<Sample> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        BigDecimal sum = samples.stream().map(Sample::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        return round(sum.divide(BigDecimal.valueOf(samples.size()), MC));
    }

    private static Orders orders(Market m) {
        long answered = m.acks + m.rejects;
        BigDecimal rate = answered == 0 ? null
                : BigDecimal.valueOf(m.acks).divide(BigDecimal.valueOf(answered), 4, RoundingMode.HALF_UP);
        return new Orders(m.acks, m.rejects, rate, Collections.unmodifiableMap(new TreeMap<>(m.rejectsByReason)));
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
