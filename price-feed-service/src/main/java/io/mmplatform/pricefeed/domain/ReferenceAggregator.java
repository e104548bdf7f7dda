package io.mmplatform.pricefeed.domain;

import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.ReferencePrice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One trusted reference per instrument out of every source's latest {@link SourcePrice}. Plain Java, no threads:
 * driven by {@link #onPrice(SourcePrice, long)} and a periodic {@link #check(long)}, both returning what to publish.
 * Thread-safe (synchronized).
 * <ul>
 *   <li><b>Fresh</b>: a source's latest price is fresh while {@code now - receiveTime <= staleness(source)}. Only
 *       fresh prices count; so a reference is never made of a price older than its source's limit.</li>
 *   <li><b>Reference</b>: the median of the fresh prices (even count: the mean of the two middle ones, exact).
 *       {@code source} is {@code median} when more than one source is expected for the instrument (declared with
 *       {@link #expect} / the settings, or seen), else that source's name; {@code sources} are the fresh ones that
 *       made it; {@code receiveTimeNanos} / {@code publishTimeMs} are the newest among them; {@code conf} is the
 *       single source's conf, or for several the larger of the median conf and half the spread (max - min) / 2.</li>
 *   <li><b>Quality</b>, per instrument, a {@link DataQuality} on every change of state:
 *       <ul>
 *         <li>{@code STALE}: fewer than {@code minSources} fresh prices (all stale when min-sources is 1);</li>
 *         <li>{@code DIVERGED}: {@code (max - min) / median} of the fresh prices above {@code maxDivergenceBps};</li>
 *         <li>{@code OK}: otherwise. The first decision about an instrument is always announced (also OK), so a
 *             DIVERGED/STALE left on the compacted topic by an earlier run is overwritten.</li>
 *       </ul>
 *       While not OK no reference is published for the instrument. Right after the first price of an instrument,
 *       for one staleness window, too few sources is not yet STALE (the other sources are still connecting): nothing
 *       is published and nothing announced until enough sources arrived or the window passed.</li>
 *   <li><b>When</b> a reference is published: on every fresh price of a contributing source while OK; on
 *       {@link #check} when the set of fresh sources changed (a source went stale: the median moves on without it)
 *       or the state became OK again.</li>
 *   <li><b>Clock skew</b>: a source time more than {@code clockSkewTolerance} after the receive time (the source's
 *       clock runs ahead) is clamped to the receive time; so is a receive time after {@code now} (an adapter with a
 *       wrong clock). Either is flagged in {@link Output#clockSkew()}. Freshness never trusts the source's clock.</li>
 *   <li>A price received before the source's latest one (out of order) is ignored.</li>
 * </ul>
 */
public final class ReferenceAggregator {
    public static final String MEDIAN = "median";
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /**
     * @param maxDivergenceBps   (max - min) / median of the fresh prices, in bps, above which an instrument is DIVERGED
     * @param defaultStaleness   staleness limit of a source without its own entry
     * @param staleness          source -> its staleness limit (by receive time)
     * @param minSources         fresh sources needed for a reference (below: STALE)
     * @param clockSkewTolerance how far a source's time may run ahead of the receive time before it is clamped
     * @param expectedSources    instrument -> the sources expected to price it (may be empty: seen sources count)
     */
    public record Settings(BigDecimal maxDivergenceBps, Duration defaultStaleness, Map<String, Duration> staleness,
                           int minSources, Duration clockSkewTolerance, Map<String, Set<String>> expectedSources) {
        public Settings {
            if (maxDivergenceBps == null || maxDivergenceBps.signum() < 0) {
                throw new IllegalArgumentException("max-divergence-bps must be >= 0, got " + maxDivergenceBps);
            }
            requirePositive(defaultStaleness, "staleness (default)");
            staleness = Map.copyOf(staleness == null ? Map.of() : staleness);
            staleness.forEach((source, limit) -> requirePositive(limit, "staleness." + source));
            if (minSources < 1) {
                throw new IllegalArgumentException("min-sources must be >= 1, got " + minSources);
            }
            if (clockSkewTolerance == null || clockSkewTolerance.isNegative()) {
                throw new IllegalArgumentException("clock-skew-tolerance must be >= 0, got " + clockSkewTolerance);
            }
            Map<String, Set<String>> copy = new TreeMap<>();
            if (expectedSources != null) {
                expectedSources.forEach((instrument, sources) -> copy.put(instrument, Set.copyOf(sources)));
            }
            expectedSources = Map.copyOf(copy);
        }

        /** Defaults: 100 bps, 10 s per source, 1 source, 2 s of clock skew. */
        public static Settings defaults() {
            return new Settings(BigDecimal.valueOf(100), Duration.ofSeconds(10), Map.of(), 1, Duration.ofSeconds(2), Map.of());
        }

        public Duration stalenessOf(String source) {
            return staleness.getOrDefault(source, defaultStaleness);
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }

    /** What to publish: references on md.reference, quality changes on md.quality; clockSkew: a clamped input. */
    public record Output(List<ReferencePrice> references, List<DataQuality> quality, boolean clockSkew) {
        public static final Output NONE = new Output(List.of(), List.of(), false);

        public boolean isEmpty() {
            return references.isEmpty() && quality.isEmpty();
        }
    }

    /** The latest price of one source for one instrument, for metrics and health. */
    public record SourceState(String instrument, String source, BigDecimal price, long receiveTimeNanos, boolean fresh) {
    }

    private static final class Instrument {
        final String name;
        final Set<String> expected = new TreeSet<>();
        final Map<String, SourcePrice> latest = new TreeMap<>();
        final long firstSeenNanos;
        QualityState state;
        List<String> contributors = List.of();

        Instrument(String name, long firstSeenNanos) {
            this.name = name;
            this.firstSeenNanos = firstSeenNanos;
        }
    }

    private final Settings settings;
    private final long skewNanos;
    private final Map<String, Instrument> instruments = new TreeMap<>();
    private final Map<String, Set<String>> expected = new HashMap<>();

    public ReferenceAggregator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.skewNanos = settings.clockSkewTolerance().toNanos();
        settings.expectedSources().forEach((instrument, sources) -> expected.put(instrument, new TreeSet<>(sources)));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Declares that a source prices these instruments (a source adapter calls it when it starts): with more than one
     * source expected, the reference's source is {@code median}, and a source that never delivered shows as null in
     * the quality events.
     */
    public synchronized void expect(String source, Collection<String> instrumentNames) {
        for (String instrument : instrumentNames) {
            expected.computeIfAbsent(instrument, i -> new TreeSet<>()).add(source);
            Instrument known = instruments.get(instrument);
            if (known != null) {
                known.expected.add(source);
            }
        }
    }

    /** A source's price, received at {@code price.receiveTimeNanos()}; {@code nowNanos} is the same epoch clock. */
    public synchronized Output onPrice(SourcePrice price, long nowNanos) {
        boolean skew = false;
        long receive = price.receiveTimeNanos();
        if (receive > nowNanos + skewNanos) {
            receive = nowNanos;
            skew = true;
        }
        long sourceMs = price.sourceTimeMs();
        long receiveMs = receive / 1_000_000L;
        if (sourceMs > receiveMs + settings.clockSkewTolerance().toMillis()) {
            sourceMs = receiveMs;
            skew = true;
        }
        if (skew) {
            price = new SourcePrice(price.source(), price.instrument(), price.price(), price.confidence(), sourceMs, receive);
        }
        Instrument inst = instruments.computeIfAbsent(price.instrument(), name -> {
            Instrument created = new Instrument(name, nowNanos);
            created.expected.addAll(expected.getOrDefault(name, Set.of()));
            return created;
        });
        inst.expected.add(price.source());
        SourcePrice known = inst.latest.get(price.source());
        if (known != null && price.receiveTimeNanos() < known.receiveTimeNanos()) {
            return skew ? new Output(List.of(), List.of(), true) : Output.NONE;
        }
        inst.latest.put(price.source(), price);
        List<ReferencePrice> refs = new ArrayList<>();
        List<DataQuality> quality = new ArrayList<>();
        evaluate(inst, nowNanos, price.source(), refs, quality);
        return new Output(refs, quality, skew);
    }

    /** The periodic check: sources that went stale leave the median; an instrument without enough goes STALE. */
    public synchronized Output check(long nowNanos) {
        List<ReferencePrice> refs = new ArrayList<>();
        List<DataQuality> quality = new ArrayList<>();
        for (Instrument inst : instruments.values()) {
            evaluate(inst, nowNanos, null, refs, quality);
        }
        return refs.isEmpty() && quality.isEmpty() ? Output.NONE : new Output(refs, quality, false);
    }

    /** The quality state of each instrument decided so far. */
    public synchronized Map<String, QualityState> states() {
        Map<String, QualityState> out = new LinkedHashMap<>();
        instruments.values().forEach(i -> {
            if (i.state != null) {
                out.put(i.name, i.state);
            }
        });
        return out;
    }

    /** Every source's latest price per instrument, with whether it is fresh at {@code nowNanos}. */
    public synchronized List<SourceState> sources(long nowNanos) {
        List<SourceState> out = new ArrayList<>();
        for (Instrument inst : instruments.values()) {
            for (SourcePrice p : inst.latest.values()) {
                out.add(new SourceState(inst.name, p.source(), p.price(), p.receiveTimeNanos(), fresh(p, nowNanos)));
            }
        }
        return out;
    }

    private boolean fresh(SourcePrice p, long nowNanos) {
        return nowNanos - p.receiveTimeNanos() <= settings.stalenessOf(p.source()).toNanos();
    }

    /**
     * @param trigger the source whose new price caused this evaluation, or null for the periodic check
     */
    private void evaluate(Instrument inst, long nowNanos, String trigger, List<ReferencePrice> refs, List<DataQuality> quality) {
        List<SourcePrice> fresh = new ArrayList<>();
        Map<String, BigDecimal> seen = new TreeMap<>();
        for (String source : inst.expected) {
            seen.put(source, null);
        }
        for (SourcePrice p : inst.latest.values()) {
            if (fresh(p, nowNanos)) {
                fresh.add(p);
                seen.put(p.source(), p.price());
            }
        }
        long nowMs = nowNanos / 1_000_000L;
        if (fresh.size() < settings.minSources() || fresh.isEmpty()) {
            inst.contributors = List.of();
            if (inst.state == null && !fresh.isEmpty() && nowNanos - inst.firstSeenNanos <= warmUpNanos(inst)) {
                return; // the other sources are still connecting
            }
            if (inst.state != QualityState.STALE) {
                inst.state = QualityState.STALE;
                quality.add(new DataQuality(inst.name, QualityState.STALE, staleReason(inst, fresh.size(), nowNanos), seen, nowMs));
            }
            return;
        }
        fresh.sort((a, b) -> a.price().compareTo(b.price()));
        BigDecimal median = median(fresh);
        BigDecimal min = fresh.get(0).price();
        BigDecimal max = fresh.get(fresh.size() - 1).price();
        BigDecimal spreadBps = max.subtract(min).multiply(BPS).divide(median, 4, RoundingMode.HALF_UP);
        if (spreadBps.compareTo(settings.maxDivergenceBps()) > 0) {
            inst.contributors = List.of();
            if (inst.state != QualityState.DIVERGED) {
                inst.state = QualityState.DIVERGED;
                quality.add(new DataQuality(inst.name, QualityState.DIVERGED, "max-divergence-bps: " + inst.name
                        + " sources diverge by " + spreadBps.stripTrailingZeros().toPlainString() + " bps > "
                        + settings.maxDivergenceBps().toPlainString() + " (min " + min.toPlainString() + " "
                        + sourceOf(fresh, min) + ", max " + max.toPlainString() + " " + sourceOf(fresh, max) + ")", seen, nowMs));
            }
            return;
        }
        boolean becameOk = inst.state != QualityState.OK;
        if (becameOk) {
            QualityState before = inst.state;
            inst.state = QualityState.OK;
            quality.add(new DataQuality(inst.name, QualityState.OK, (before == null ? "" : "recovered from " + before + ": ")
                    + fresh.size() + " fresh source(s) within " + spreadBps.stripTrailingZeros().toPlainString()
                    + " bps (limit " + settings.maxDivergenceBps().toPlainString() + ")", seen, nowMs));
        }
        List<String> contributors = fresh.stream().map(SourcePrice::source).sorted().toList();
        boolean changed = !contributors.equals(inst.contributors);
        inst.contributors = contributors;
        if (!becameOk && !changed && (trigger == null || !contributors.contains(trigger))) {
            return;
        }
        refs.add(reference(inst, fresh, median, min, max, contributors));
    }

    private ReferencePrice reference(Instrument inst, List<SourcePrice> fresh, BigDecimal median, BigDecimal min,
                                     BigDecimal max, List<String> contributors) {
        long receive = Long.MIN_VALUE;
        long publish = Long.MIN_VALUE;
        for (SourcePrice p : fresh) {
            receive = Math.max(receive, p.receiveTimeNanos());
            publish = Math.max(publish, p.sourceTimeMs());
        }
        String source;
        BigDecimal conf;
        if (inst.expected.size() > 1) {
            source = MEDIAN;
            List<BigDecimal> confs = fresh.stream().map(SourcePrice::confidence).filter(Objects::nonNull).sorted().toList();
            BigDecimal medianConf = confs.isEmpty() ? BigDecimal.ZERO : middle(confs);
            BigDecimal halfSpread = max.subtract(min).divide(TWO);
            conf = medianConf.max(halfSpread);
        } else {
            SourcePrice only = fresh.get(0);
            source = only.source();
            conf = only.confidence() == null ? BigDecimal.ZERO : only.confidence();
        }
        return new ReferencePrice(inst.name, source, median, conf, publish, receive, contributors);
    }

    private static BigDecimal median(List<SourcePrice> sortedByPrice) {
        return middle(sortedByPrice.stream().map(SourcePrice::price).toList());
    }

    /** The middle of sorted values; for an even count the exact mean of the two middle ones. */
    static BigDecimal middle(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO); // x / 2 always terminates: exact
    }

    private static String sourceOf(List<SourcePrice> fresh, BigDecimal price) {
        return fresh.stream().filter(p -> p.price().compareTo(price) == 0).map(SourcePrice::source).findFirst().orElse("?");
    }

    private long warmUpNanos(Instrument inst) {
        long max = settings.defaultStaleness().toNanos();
        for (String source : inst.expected) {
            max = Math.max(max, settings.stalenessOf(source).toNanos());
        }
        return max;
    }

    private String staleReason(Instrument inst, int freshCount, long nowNanos) {
        StringBuilder b = new StringBuilder("staleness: ").append(inst.name).append(' ');
        if (freshCount == 0) {
            b.append("every source is stale");
        } else {
            b.append(freshCount).append(" fresh source(s) < min-sources ").append(settings.minSources());
        }
        List<String> parts = new ArrayList<>();
        for (String source : inst.expected) {
            SourcePrice p = inst.latest.get(source);
            long limitMs = settings.stalenessOf(source).toMillis();
            if (p == null) {
                parts.add(source + " no price yet");
            } else if (!fresh(p, nowNanos)) {
                parts.add(source + " last " + (nowNanos - p.receiveTimeNanos()) / 1_000_000L + " ms ago (limit " + limitMs + " ms)");
            }
        }
        if (!parts.isEmpty()) {
            b.append(": ").append(String.join(", ", parts));
        }
        return b.toString();
    }
}
