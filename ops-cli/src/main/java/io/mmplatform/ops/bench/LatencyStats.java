package io.mmplatform.ops.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A latency distribution as the benchmarks report it: count, p50, p99, p99.9 and max in milliseconds (nearest-rank
 * percentiles of the samples, no interpolation), and the throughput over the measured window.
 */
public record LatencyStats(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs, double perSecond) {

    public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** From samples in nanoseconds over a window of {@code seconds}; negative samples (clock steps) are dropped. */
    public static LatencyStats ofNanos(long[] nanos, int n, double seconds) {
        long[] sorted = Arrays.stream(nanos, 0, n).filter(v -> v >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return EMPTY;
        }
        return new LatencyStats(sorted.length, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.99)), ms(rank(sorted, 0.999)),
                ms(sorted[sorted.length - 1]), seconds > 0 ? sorted.length / seconds : 0);
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** this / floor for p50 and p99, NaN when either is missing. */
    public double[] ratioTo(LatencyStats floor) {
        return new double[]{p50Ms / floor.p50Ms, p99Ms / floor.p99Ms};
    }

    public String row(String name) {
        return String.format(Locale.ROOT, "%-24s %9d %9.3f %9.3f %9.3f %9.3f %10.1f", name, count, p50Ms, p99Ms, p999Ms,
                maxMs, perSecond);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-24s %9s %9s %9s %9s %9s %10s", "hop", "samples", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "per s");
    }
}
