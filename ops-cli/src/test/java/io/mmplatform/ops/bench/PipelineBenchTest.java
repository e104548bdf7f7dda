package io.mmplatform.ops.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineBenchTest {
    @Test
    void marketsTickSoThatAllTogetherMeetTheRate() {
        assertEquals(List.of("M001", "M002", "M003"), PipelineBench.marketNames(3));
        assertEquals(100, PipelineBench.tickIntervalMs(100, 1000));
        assertEquals(10, PipelineBench.tickIntervalMs(1, 100));
        assertEquals(1, PipelineBench.tickIntervalMs(1, 1_000_000), "never below 1 ms");
        assertThrows(IllegalArgumentException.class, () -> new PipelineBench.Options(Path.of("."), Path.of("."), 0, 10,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1, 0, java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PipelineBench.Options(Path.of("."), Path.of("."), 1, 10,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1, -1, java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PipelineBench.Options(Path.of("."), Path.of("."), 1, 10,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1, 0, java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void theCompilersOfThisJvmHaveWorkedAndAProcessThatIsGoneHasNone() {
        // the test JVM compiled JUnit and this module's code on its way here: its compiler threads have CPU time
        assertTrue(JitActivity.compilerTicks(List.of(ProcessHandle.current().pid())) > 0);
        assertEquals(0, JitActivity.compilerTicks(List.of(Long.MAX_VALUE)));
    }

    @Test
    void everyMarketIsConfiguredInEveryServiceWithItsOwnFeed() {
        Map<String, String> s = PipelineBench.settings(List.of("M001", "M002"), 100, Path.of("/tmp/bots"));
        assertEquals("M001,M002,BTC,ETH,SOL,INJ", s.get("venue-simulator:simulator.markets"));
        assertEquals("100ms", s.get("venue-simulator:simulator.reference.tick-interval"));
        assertEquals(s.get("venue-simulator:simulator.market.M002.feed-id"),
                s.get("price-feed-service:price-feed.hermes.feeds.M002"));
        assertNotEquals(PipelineBench.feedId("M001"), PipelineBench.feedId("M002"));
        assertEquals(64, PipelineBench.feedId("M001").length());
        assertEquals("2", s.get("quoting-service:quoting.sz-decimals.M001"));
        assertEquals("0", s.get("venue-simulator:simulator.taker.rate-per-second"));
    }
}
