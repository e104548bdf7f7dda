package io.mmplatform.execution.app;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigCheckTest {
    /** Plain config values (the defaults of application.properties unless changed). */
    private static final class Values implements ExecutionConfig {
        Mode mode = Mode.PAPER;
        String url = "http://localhost:8900";
        Optional<String> wallets = Optional.empty();
        BigDecimal sizeFraction = new BigDecimal("0.1");
        int maxOpen = 100;
        Duration fillPoll = Duration.ofMillis(200);

        public Mode mode() { return mode; }
        public String venueUrl() { return url; }
        public Hyperliquid hyperliquid() { return () -> false; }
        public Optional<String> walletsFile() { return wallets; }
        public Tolerance tolerance() {
            return new Tolerance() {
                public BigDecimal priceBps() { return new BigDecimal("2"); }
                public BigDecimal sizeFraction() { return sizeFraction; }
            };
        }
        public Checks checks() {
            return new Checks() {
                public BigDecimal priceBandBps() { return new BigDecimal("500"); }
                public BigDecimal maxOrderNotional() { return new BigDecimal("250000"); }
                public int maxOpenOrders() { return maxOpen; }
            };
        }
        public Duration fillPollInterval() { return fillPoll; }
        public Duration settleInterval() { return Duration.ofSeconds(2); }
        public Duration maxIntentAge() { return Duration.ofSeconds(10); }
        public Duration httpTimeout() { return Duration.ofSeconds(3); }
        public Duration shutdownTimeout() { return Duration.ofSeconds(10); }
    }

    private static String failure(Values v) {
        return assertThrows(IllegalStateException.class, () -> ConfigCheck.validate(v)).getMessage();
    }

    @Test
    void paperDefaultsPassAndUseTheRunDirectoryWallets() {
        ConfigCheck.Resolved r = ConfigCheck.validate(new Values());
        assertEquals(Path.of("run/wallets.json"), r.walletsFile());
        assertEquals("localhost", r.venueUrl().getHost());
    }

    @Test
    void liveModeNeedsHttpsAndAnExplicitWalletsFile() {
        Values v = new Values();
        v.mode = ExecutionConfig.Mode.LIVE;
        v.wallets = Optional.of("/secure/wallets.json");
        assertTrue(failure(v).contains("execution.venue-url"));
        v.url = "https://api.hyperliquid.xyz";
        v.wallets = Optional.empty();
        assertTrue(failure(v).contains("execution.wallets-file"));
        v.wallets = Optional.of("/secure/wallets.json");
        assertEquals(Path.of("/secure/wallets.json"), ConfigCheck.validate(v).walletsFile());
    }

    @Test
    void badValuesNameTheirKey() {
        Values v = new Values();
        v.url = "localhost:8900";
        assertTrue(failure(v).contains("execution.venue-url"));
        v = new Values();
        v.sizeFraction = new BigDecimal("1.5");
        assertTrue(failure(v).contains("execution.tolerance.size-fraction"));
        v = new Values();
        v.maxOpen = 0;
        assertTrue(failure(v).contains("execution.checks.max-open-orders"));
        v = new Values();
        v.fillPoll = Duration.ZERO;
        assertTrue(failure(v).contains("execution.fill-poll-interval"));
    }
}
