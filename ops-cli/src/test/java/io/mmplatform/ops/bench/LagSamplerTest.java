package io.mmplatform.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class LagSamplerTest {

    @Test
    void aConsumerThatCommitsOnATimerButKeepsUpIsSteady() {
        // 1,000 records/s in; commits every 5 s, so the lag saws between 0 and 5,000
        List<LagSampler.Sample> s = new ArrayList<>();
        for (int t = 0; t <= 30; t++) {
            s.add(new LagSampler.Sample(t, (t % 5) * 1_000L, 1_000L * t));
        }
        LagSampler.Trend trend = LagSampler.trend(s);
        assertEquals(1_000, trend.inPerSecond(), 1e-9);
        assertFalse(trend.growing(), trend.toString());
    }

    @Test
    void aConsumerThatReadsHalfOfWhatArrivesGrows() {
        List<LagSampler.Sample> s = new ArrayList<>();
        for (int t = 0; t <= 30; t++) {
            s.add(new LagSampler.Sample(t, 500L * t + (t % 5) * 500L, 1_000L * t));
        }
        LagSampler.Trend trend = LagSampler.trend(s);
        assertTrue(trend.growing(), trend.toString());
        assertEquals(500, trend.slopePerSecond(), 60);
        assertTrue(trend.endLag() > trend.startLag());
    }

    @Test
    void oneSampleIsNoTrend() {
        LagSampler.Trend trend = LagSampler.trend(List.of(new LagSampler.Sample(0, 7, 100)));
        assertFalse(trend.growing());
        assertEquals(7, trend.endLag(), 0);
    }

    @Test
    void aQuietTopicWhoseCommitsSawByTensIsNotGrowing() {
        // 3 records/s, lag 0 -> 40 over 20 s: the commit timer's noise, not a consumer falling behind
        List<LagSampler.Sample> s = new ArrayList<>();
        for (int t = 0; t <= 20; t++) {
            s.add(new LagSampler.Sample(t, 2L * t, 3L * t));
        }
        assertFalse(LagSampler.trend(s).growing());
    }
}
