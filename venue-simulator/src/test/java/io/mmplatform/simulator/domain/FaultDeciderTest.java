package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultDeciderTest {
    static final long START = 1_800_000_000_000L;

    static FaultSettings rates(double reject, double lost) {
        return new FaultSettings(0, 0, reject, lost, 0, 0, false, 0);
    }

    static List<Boolean> rejects(FaultDecider d, int n) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(d.rejectOrder());
        }
        return out;
    }

    @Test
    void sameSeedSameDecisionsOtherSeedOthers() {
        List<Boolean> a = rejects(new FaultDecider(7, START, rates(0.3, 0)), 200);
        assertEquals(a, rejects(new FaultDecider(7, START, rates(0.3, 0)), 200));
        assertNotEquals(a, rejects(new FaultDecider(8, START, rates(0.3, 0)), 200));
    }

    @Test
    void rateIsTheFractionOfDecisions() {
        FaultDecider d = new FaultDecider(42, START, rates(0.05, 0.01));
        int rejected = 0;
        int lost = 0;
        for (int i = 0; i < 20_000; i++) {
            rejected += d.rejectOrder() ? 1 : 0;
            lost += d.loseAnswer() ? 1 : 0;
        }
        assertTrue(rejected > 800 && rejected < 1200, "about 5% of 20000: " + rejected);
        assertTrue(lost > 120 && lost < 280, "about 1% of 20000: " + lost);
    }

    @Test
    void zeroNeverOneAlwaysAndNeitherDrawsARandomNumber() {
        FaultDecider d = new FaultDecider(3, START, rates(0, 1));
        for (int i = 0; i < 100; i++) {
            assertFalse(d.rejectOrder());
            assertTrue(d.loseAnswer());
        }
        d.update(rates(0.5, 0));
        // the sequence continues exactly as if the 0/1 decisions had never happened
        assertEquals(rejects(new FaultDecider(3, START, rates(0.5, 0)), 50), rejects(d, 50));
    }

    @Test
    void burstsArePeriodicFromTheStart() {
        FaultDecider d = new FaultDecider(1, START, new FaultSettings(0, 0, 0, 0, 20, 1500, false, 0));
        assertTrue(d.inBurst(START));
        assertTrue(d.inBurst(START + 1499));
        assertFalse(d.inBurst(START + 1500));
        assertFalse(d.inBurst(START + 19_999));
        assertTrue(d.inBurst(START + 20_000));
        assertTrue(d.inBurst(START + 41_000));
        assertFalse(d.inBurst(START + 41_500));
        assertFalse(d.inBurst(START - 1), "nothing before the start");
        d.update(FaultSettings.NONE);
        assertFalse(d.inBurst(START + 20_000), "off once the settings say so");
    }

    @Test
    void delayIsLatencyPlusSeededJitterWithinBounds() {
        FaultDecider d = new FaultDecider(5, START, new FaultSettings(100, 50, 0, 0, 0, 0, false, 0));
        FaultDecider same = new FaultDecider(5, START, new FaultSettings(100, 50, 0, 0, 0, 0, false, 0));
        boolean varied = false;
        long first = d.delayMs();
        assertEquals(first, same.delayMs());
        for (int i = 0; i < 500; i++) {
            long ms = d.delayMs();
            assertEquals(ms, same.delayMs());
            assertTrue(ms >= 100 && ms <= 150, "within latency..latency+jitter: " + ms);
            varied |= ms != first;
        }
        assertTrue(varied);
        d.update(new FaultSettings(30, 0, 0, 0, 0, 0, false, 0));
        assertEquals(30, d.delayMs());
    }

    @Test
    void webSocketDropsAreDueOncePerPeriod() {
        FaultDecider d = new FaultDecider(1, START, new FaultSettings(0, 0, 0, 0, 0, 0, false, 20));
        assertFalse(d.wsDropDue(START));
        assertFalse(d.wsDropDue(START + 19_999));
        assertTrue(d.wsDropDue(START + 20_000));
        assertFalse(d.wsDropDue(START + 20_020), "once per period");
        assertFalse(d.wsDropDue(START + 39_999));
        assertTrue(d.wsDropDue(START + 40_015));
        assertTrue(d.wsDropDue(START + 100_000), "missed periods give one drop, not a burst");
        assertFalse(d.wsDropDue(START + 100_001));
        d.update(FaultSettings.NONE);
        assertFalse(d.wsDropDue(START + 200_000));
    }

    @Test
    void pausedFollowsTheSettings() {
        FaultDecider d = new FaultDecider(1, START, FaultSettings.NONE);
        assertFalse(d.paused());
        d.update(new FaultSettings(0, 0, 0, 0, 0, 0, true, 0));
        assertTrue(d.paused());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rates(1.5, 0)).getMessage()
                .startsWith("rejectRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rates(0, -0.1)).getMessage()
                .startsWith("lostAnswerRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rates(Double.NaN, 0)).getMessage()
                .startsWith("rejectRate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FaultSettings(-1, 0, 0, 0, 0, 0, false, 0)).getMessage().startsWith("latencyMs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FaultSettings(0, -1, 0, 0, 0, 0, false, 0)).getMessage().startsWith("jitterMs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FaultSettings(0, 0, 0, 0, -1, 0, false, 0)).getMessage().startsWith("burst429EverySeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FaultSettings(0, 0, 0, 0, 0, -1, false, 0)).getMessage().startsWith("burst429DurationMs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new FaultSettings(0, 0, 0, 0, 0, 0, false, -1)).getMessage().startsWith("wsDropEverySeconds"));
    }
}
