package io.mmplatform.ops.quality;

import io.mmplatform.ops.quality.InjectiveCounters.Counts;
import io.mmplatform.ops.quality.InjectiveCounters.Read;
import io.mmplatform.ops.quality.InjectiveCounters.Report;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveCountersTest {

    static String mismatches(String wallet, String value) {
        return InjectiveCounters.MISMATCHES + "{wallet=\"" + wallet + "\"} " + value + "\n";
    }

    static String recoveries(String wallet, String value) {
        return InjectiveCounters.RECOVERIES + "{wallet=\"" + wallet + "\"} " + value + "\n";
    }

    static String txs(String wallet, String outcome, String value) {
        return InjectiveCounters.TXS + "{outcome=\"" + outcome + "\",wallet=\"" + wallet + "\"} " + value + "\n";
    }

    static Map<String, Long> outcomes(long accepted, long rejected, long unknown, long confirmed, long failed, long lost) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("accepted", accepted);
        out.put("rejected", rejected);
        out.put("unknown", unknown);
        out.put("confirmed", confirmed);
        out.put("failed", failed);
        out.put("lost", lost);
        return out;
    }

    @Test
    void increasesPerWalletAndInTotal() {
        String start = "# TYPE x counter\n" + mismatches("w1", "3.0") + recoveries("w1", "2.0")
                + txs("w1", "accepted", "10.0") + txs("w1", "confirmed", "9.0") + "jvm_threads_live_threads 40.0\n";
        // w1: 2 more mismatches, both recovered, 15 more accepted; w2 appears within the window (first use)
        String end = mismatches("w1", "5.0") + recoveries("w1", "4.0") + txs("w1", "accepted", "25.0")
                + txs("w1", "confirmed", "23.0") + txs("w1", "lost", "1.0")
                + mismatches("w2", "1.0") + recoveries("w2", "1.0") + txs("w2", "accepted", "7.0")
                + txs("w2", "rejected", "1.0");
        Report r = InjectiveCounters.report(List.of(new Read("http://e0", start, end)), Set.of());
        assertTrue(r.available(), r.unavailable());
        assertEquals(List.of("http://e0"), r.sources());
        assertEquals(List.of("w1", "w2"), List.copyOf(r.wallets().keySet()));
        assertEquals(new Counts(2L, 2L, outcomes(15, 0, 0, 14, 0, 1)), r.wallets().get("w1"));
        assertEquals(new Counts(1L, 1L, outcomes(7, 1, 0, 0, 0, 0)), r.wallets().get("w2"));
        assertEquals(new Counts(3L, 3L, outcomes(22, 1, 0, 14, 0, 1)), r.total());
    }

    @Test
    void replicasAddUpAndARestartedReplicaCountsFromZero() {
        // replica 0 owned w1 until a rebalance; replica 1 restarted within the window (its counter went 50 -> 4)
        Read e0 = new Read("http://e0", mismatches("w1", "1") + txs("w1", "accepted", "30"),
                mismatches("w1", "2") + txs("w1", "accepted", "31"));
        Read e1 = new Read("http://e1", mismatches("w1", "50") + txs("w1", "accepted", "80"),
                mismatches("w1", "4") + txs("w1", "accepted", "6"));
        Report r = InjectiveCounters.report(List.of(e0, e1), Set.of());
        assertEquals(1L + 4L, r.total().mismatches());
        assertEquals(1L + 6L, r.total().txs().get("accepted"));
        assertNull(r.total().recoveries(), "no replica has the recoveries counter: n/a, not 0");
    }

    @Test
    void aWalletOfAnInjectiveMarketWithoutSeriesCountsZeroAndAnOtherOutcomeIsKept() {
        String end = mismatches("w1", "0") + recoveries("w1", "0") + txs("w1", "accepted", "4") + txs("w1", "dropped", "1");
        Report r = InjectiveCounters.report(List.of(new Read("http://e0", "", end)), Set.of("w2"));
        assertEquals(List.of("w1", "w2"), List.copyOf(r.wallets().keySet()));
        Counts w2 = r.wallets().get("w2");
        assertEquals(0L, w2.mismatches());
        assertEquals(0L, w2.txs().get("accepted"));
        assertEquals(List.of("accepted", "rejected", "unknown", "confirmed", "failed", "lost", "dropped"),
                List.copyOf(r.total().txs().keySet()));
        assertEquals(1L, r.wallets().get("w1").txs().get("dropped"));
    }

    @Test
    void nothingToReportIsSaidNotFailed() {
        Report none = InjectiveCounters.report(List.of(new Read("http://e0", "jvm_threads_live_threads 40\n",
                "jvm_threads_live_threads 41\n")), Set.of("w1"));
        assertFalse(none.available());
        assertTrue(none.unavailable().contains("no execution_injective_* counters on http://e0"), none.unavailable());
        Report unreadable = InjectiveCounters.report(List.of(new Read("http://e0", null, mismatches("w1", "1")),
                new Read("http://e1", mismatches("w1", "1"), null)), Set.of());
        assertFalse(unreadable.available());
        assertTrue(unreadable.unavailable().contains("http://e0, http://e1"), unreadable.unavailable());
        assertFalse(InjectiveCounters.report(List.of(), Set.of()).available());
        // one replica unreadable, the other fine: the fine one is reported
        Report partial = InjectiveCounters.report(List.of(new Read("http://e0", null, null),
                new Read("http://e1", mismatches("w1", "1"), mismatches("w1", "3"))), Set.of());
        assertEquals(List.of("http://e1"), partial.sources());
        assertEquals(List.of("http://e0"), partial.unreadable());
        assertEquals(2L, partial.total().mismatches());
    }
}
