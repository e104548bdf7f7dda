package io.mmplatform.ops.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyStatsTest {
    @Test
    void nearestRankPercentilesInMilliseconds() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i + 1) * 1_000_000L; // 1..1000 ms, shuffled order does not matter
        }
        LatencyStats s = LatencyStats.ofNanos(samples, samples.length, 10);
        assertEquals(1000, s.count());
        assertEquals(500.0, s.p50Ms());
        assertEquals(990.0, s.p99Ms());
        assertEquals(999.0, s.p999Ms());
        assertEquals(1000.0, s.maxMs());
        assertEquals(100.0, s.perSecond());
    }

    @Test
    void negativeSamplesAreDroppedAndAnEmptySetIsEmpty() {
        LatencyStats s = LatencyStats.ofNanos(new long[]{-5, 2_000_000, 4_000_000, 0}, 3, 1);
        assertEquals(2, s.count());
        assertEquals(2.0, s.p50Ms());
        assertEquals(4.0, s.maxMs());
        assertTrue(Double.isNaN(LatencyStats.ofNanos(new long[0], 0, 1).p50Ms()));
        double[] ratio = new LatencyStats(1, 3, 8, 9, 9, 1).ratioTo(new LatencyStats(1, 2, 4, 5, 5, 1));
        assertEquals(1.5, ratio[0]);
        assertEquals(2.0, ratio[1]);
    }
}
