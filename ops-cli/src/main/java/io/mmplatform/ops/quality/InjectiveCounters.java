package io.mmplatform.ops.quality;

import io.mmplatform.ops.quality.PrometheusText.Sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sequence errors, recoveries and transaction outcomes of execution's Injective adapter over a window: the increase
 * of its Prometheus counters between a read of every execution replica's {@code /q/metrics} at the start and one at
 * the end, per wallet (the counters' {@code wallet} label) and in total. Plain Java: the reads are handed in.
 *
 * <ul>
 *   <li>{@value #MISMATCHES}: answers code 32 (account sequence mismatch);</li>
 *   <li>{@value #RECOVERIES}: a transaction accepted after a mismatch;</li>
 *   <li>{@value #TXS}: transactions by {@code outcome} (accepted, rejected, unknown, confirmed, failed, lost).</li>
 * </ul>
 * A counter lower at the end than at the start belongs to a replica that restarted: it counts from 0. Replicas'
 * increases add up (a wallet may change owner within the window). A counter family that none of the reads carries is
 * not available (null, shown as n/a), which is what an execution without the Injective adapter looks like; a wallet
 * without a series of a family that exists elsewhere counts 0 (counters appear on first use). The whole report is
 * unavailable when no replica could be read at both ends.
 */
public final class InjectiveCounters {
    public static final String MISMATCHES = "execution_injective_sequence_mismatches_total";
    public static final String RECOVERIES = "execution_injective_sequence_recoveries_total";
    public static final String TXS = "execution_injective_txs_total";
    /** The outcomes always shown, in this order; any other outcome seen follows. */
    public static final List<String> OUTCOMES = List.of("accepted", "rejected", "unknown", "confirmed", "failed", "lost");

    /** One counter series: its family, wallet and (for txs) outcome. */
    record Series(String family, String wallet, String outcome) {
    }

    /**
     * One replica's reads.
     *
     * @param source the replica's metrics URL, for the report
     * @param start  its metrics text at the start of the window, null when it could not be read
     * @param end    its metrics text at the end, null when it could not be read
     */
    public record Read(String source, String start, String end) {
    }

    /**
     * Counts of one wallet (or the total): increases over the window; null when the family is not available.
     *
     * @param txs outcome -> transactions, null when {@value #TXS} is not available
     */
    public record Counts(Long mismatches, Long recoveries, Map<String, Long> txs) {
    }

    /**
     * @param sources     the replicas read at both ends
     * @param unreadable  the replicas that could not be read at the start or the end (left out of the counts)
     * @param unavailable why there is nothing to report (null when there is)
     * @param wallets     wallet -> counts, sorted by wallet
     * @param total       the sum over the wallets
     */
    public record Report(List<String> sources, List<String> unreadable, String unavailable, Map<String, Counts> wallets,
                         Counts total) {
        public boolean available() {
            return unavailable == null;
        }

        public static Report unavailable(String reason) {
            return new Report(List.of(), List.of(), reason, Map.of(), null);
        }
    }

    /** The report over the replicas' reads; {@code extraWallets} get a row even without a series (their markets' wallets). */
    public static Report report(List<Read> reads, Set<String> extraWallets) {
        if (reads.isEmpty()) {
            return Report.unavailable("no execution replica to read");
        }
        List<String> sources = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<Series, BigDecimal> increase = new HashMap<>();
        Set<String> families = new LinkedHashSet<>();
        for (Read read : reads) {
            if (read.start() == null || read.end() == null) {
                unreadable.add(read.source());
                continue;
            }
            sources.add(read.source());
            Map<Series, BigDecimal> start = series(PrometheusText.parse(read.start()), families);
            Map<Series, BigDecimal> end = series(PrometheusText.parse(read.end()), families);
            end.forEach((s, value) -> {
                BigDecimal before = start.getOrDefault(s, BigDecimal.ZERO);
                BigDecimal delta = value.compareTo(before) >= 0 ? value.subtract(before) : value; // reset: from 0
                increase.merge(s, delta, BigDecimal::add);
            });
        }
        if (sources.isEmpty()) {
            return Report.unavailable("execution metrics unreadable at the start or the end of the window ("
                    + String.join(", ", unreadable) + ")");
        }
        if (families.isEmpty()) {
            return Report.unavailable("no execution_injective_* counters on " + String.join(", ", sources)
                    + (unreadable.isEmpty() ? "" : " (unreadable: " + String.join(", ", unreadable) + ")"));
        }
        Set<String> walletNames = new TreeSet<>(extraWallets);
        increase.keySet().forEach(s -> walletNames.add(s.wallet()));
        Set<String> outcomes = new LinkedHashSet<>(OUTCOMES);
        increase.keySet().stream().filter(s -> s.family().equals(TXS)).map(Series::outcome).sorted()
                .forEach(outcomes::add);
        Map<String, Counts> wallets = new LinkedHashMap<>();
        for (String wallet : walletNames) {
            wallets.put(wallet, counts(increase, families, outcomes, wallet));
        }
        return new Report(List.copyOf(sources), List.copyOf(unreadable), null, Collections.unmodifiableMap(wallets),
                counts(increase, families, outcomes, null));
    }

    /** The three families' series of one read, by series; notes which families appear. */
    private static Map<Series, BigDecimal> series(List<Sample> samples, Set<String> families) {
        Map<Series, BigDecimal> out = new HashMap<>();
        for (Sample s : samples) {
            if (!s.name().equals(MISMATCHES) && !s.name().equals(RECOVERIES) && !s.name().equals(TXS)) {
                continue;
            }
            families.add(s.name());
            String wallet = s.label("wallet") == null ? "" : s.label("wallet");
            String outcome = s.name().equals(TXS) ? (s.label("outcome") == null ? "" : s.label("outcome")) : "";
            out.merge(new Series(s.name(), wallet, outcome), s.value(), BigDecimal::add);
        }
        return out;
    }

    /** One wallet's counts (all wallets when wallet is null). */
    private static Counts counts(Map<Series, BigDecimal> increase, Set<String> families, Set<String> outcomes,
                                 String wallet) {
        Long mismatches = families.contains(MISMATCHES) ? sum(increase, MISMATCHES, wallet, null) : null;
        Long recoveries = families.contains(RECOVERIES) ? sum(increase, RECOVERIES, wallet, null) : null;
        Map<String, Long> txs = null;
        if (families.contains(TXS)) {
            txs = new LinkedHashMap<>();
            for (String outcome : outcomes) {
                txs.put(outcome, sum(increase, TXS, wallet, outcome));
            }
            txs = Collections.unmodifiableMap(txs);
        }
        return new Counts(mismatches, recoveries, txs);
    }

    private static long sum(Map<Series, BigDecimal> increase, String family, String wallet, String outcome) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<Series, BigDecimal> e : increase.entrySet()) {
            Series s = e.getKey();
            if (s.family().equals(family) && (wallet == null || s.wallet().equals(wallet))
                    && (outcome == null || s.outcome().equals(outcome))) {
                total = total.add(e.getValue());
            }
        }
        // counters of events move in whole steps; a fraction would be a counter used for something else
        return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Wallet -> the markets its orders were in, from the market reports (for the table's wallet rows). */
    public static Map<String, Set<String>> marketsByWallet(List<MarketQuality.MarketReport> markets) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (MarketQuality.MarketReport m : markets) {
            for (String wallet : m.wallets()) {
                out.computeIfAbsent(wallet, w -> new TreeSet<>()).add(m.key());
            }
        }
        return out;
    }

    private InjectiveCounters() {
    }
}
