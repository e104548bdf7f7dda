package io.mmplatform.ops.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every consumer group's lag, sampled once a second while the window runs: whether it grows.
 *
 * <p>Lag is the end offsets minus the committed offsets of the group's partitions. SmallRye commits on a timer (every
 * few seconds), so one sample overstates the lag by up to that interval's records; the trend over the window does not
 * depend on it: a consumer that keeps up has a flat lag, one that falls behind a lag that rises with the records it
 * has not read. Per group: the lag at the start and at the end (the mean of the first and last few samples), the
 * slope (records per second, least squares), the rate records arrive at on its partitions, and {@link Trend#growing}
 * when the slope is more than {@value #GROWING_SHARE} of that rate (and above one record per second) and the lag at
 * the end is more than the commit timer explains ({@value #STEADY_SECONDS} s of input plus 100).
 */
public final class LagSampler implements AutoCloseable {
    static final double GROWING_SHARE = 0.05;
    static final double STEADY_SECONDS = 6;

    /** One group at one time: its summed lag and the summed end offsets of its partitions. */
    record Sample(double seconds, long lag, long endOffsets) {
    }

    /** A group's lag over the window. */
    public record Trend(long samples, double startLag, double endLag, double slopePerSecond, double inPerSecond,
                        boolean growing) {
    }

    private final Admin admin;
    private final Map<String, List<Sample>> samples = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private Thread thread;

    public LagSampler(String bootstrap) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    public void start() {
        thread = new Thread(() -> {
            while (running) {
                long next = System.nanoTime() + 1_000_000_000L;
                sampleOnce();
                long wait = (next - System.nanoTime()) / 1_000_000L;
                if (wait > 0) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "bench-lag");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleOnce() {
        double t = (System.nanoTime() - startNanos) / 1e9;
        List<ConsumerGroupListing> groups;
        try {
            groups = new ArrayList<>(admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            return; // a sample missed under load is a gap in the series, not a failed benchmark
        }
        for (ConsumerGroupListing g : groups) {
            if (g.groupState().orElse(GroupState.UNKNOWN) == GroupState.EMPTY) {
                continue; // no members: a group of an earlier run, or a one-off reader
            }
            try {
                sample(g.groupId(), t);
            } catch (Exception e) {
                // this group's gap; the other groups are still sampled
            }
        }
    }

    private void sample(String group, double t) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        if (committed.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(5, TimeUnit.SECONDS);
        long lag = 0;
        long end = 0;
        for (var e : committed.entrySet()) {
            long endOffset = ends.get(e.getKey()).offset();
            end += endOffset;
            if (e.getValue() != null) {
                lag += Math.max(0, endOffset - e.getValue().offset());
            }
        }
        synchronized (samples) {
            samples.computeIfAbsent(group, k -> new ArrayList<>()).add(new Sample(t, lag, end));
        }
    }

    /**
     * Waits (at most {@code max}) until every group has read what piled up while the stack started: over the last
     * ten seconds its lag is not rising and is at most what commits on a timer leave behind ({@value #STEADY_SECONDS}
     * s of its input, plus 100). Then forgets the samples, so the window's trend starts there. Returns the seconds
     * waited, negative when the time ran out first.
     */
    public double awaitSteady(java.time.Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            boolean steady = true;
            synchronized (samples) {
                for (List<Sample> list : samples.values()) {
                    List<Sample> recent = list.subList(Math.max(0, list.size() - 10), list.size());
                    Trend t = trend(recent);
                    if (recent.size() < 5 || t.slopePerSecond() > Math.max(1, GROWING_SHARE * t.inPerSecond())
                            || t.endLag() > STEADY_SECONDS * t.inPerSecond() + 100) {
                        steady = false;
                    }
                }
                if (steady && !samples.isEmpty()) {
                    samples.clear();
                    return (System.nanoTime() - start) / 1e9;
                }
            }
        }
        synchronized (samples) {
            samples.clear();
        }
        return -(System.nanoTime() - start) / 1e9;
    }

    /** Stops sampling and returns every group's trend. */
    public Map<String, Trend> stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Trend> out = new LinkedHashMap<>();
        synchronized (samples) {
            samples.forEach((group, list) -> out.put(group, trend(list)));
        }
        return out;
    }

    static Trend trend(List<Sample> s) {
        int n = s.size();
        if (n < 2) {
            double lag = n == 0 ? 0 : s.get(0).lag();
            return new Trend(n, lag, lag, 0, 0, false);
        }
        int edge = Math.max(1, Math.min(3, n / 4));
        double start = 0;
        double end = 0;
        for (int i = 0; i < edge; i++) {
            start += s.get(i).lag();
            end += s.get(n - 1 - i).lag();
        }
        double meanT = 0;
        double meanLag = 0;
        for (Sample x : s) {
            meanT += x.seconds();
            meanLag += x.lag();
        }
        meanT /= n;
        meanLag /= n;
        double num = 0;
        double den = 0;
        for (Sample x : s) {
            num += (x.seconds() - meanT) * (x.lag() - meanLag);
            den += (x.seconds() - meanT) * (x.seconds() - meanT);
        }
        double slope = den == 0 ? 0 : num / den;
        double span = s.get(n - 1).seconds() - s.get(0).seconds();
        double in = span > 0 ? (s.get(n - 1).endOffsets() - s.get(0).endOffsets()) / span : 0;
        // rising, and by more than commits on a timer leave behind (a topic of a few records a second saws by tens)
        boolean growing = slope > 1 && slope > GROWING_SHARE * in && end / edge > STEADY_SECONDS * in + 100;
        return new Trend(n, start / edge, end / edge, slope, in, growing);
    }

    @Override
    public void close() {
        running = false;
        admin.close();
    }
}
