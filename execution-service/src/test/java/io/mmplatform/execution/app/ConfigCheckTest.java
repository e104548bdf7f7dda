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
        BigDecimal passiveBand = new BigDecimal("3000");
        Duration fillPoll = Duration.ofMillis(200);
        Duration settle = Duration.ofSeconds(2);
        Optional<Double> ipPerSecond = Optional.empty();
        Optional<String> instanceId = Optional.empty();
        Duration deadManTimeout = Duration.ofSeconds(15);
        Duration deadManRefresh = Duration.ofSeconds(5);
        Optional<Double> ipCapacity = Optional.empty();
        double cancelReserve = 0.1;
        int breakerFailures = 5;
        Duration minReplaceInterval = Duration.ofMillis(200);
        String stateDir = System.getProperty("java.io.tmpdir");
        boolean injectiveEnabled = false;
        String injectiveLcd = "http://localhost:8900";
        String chainId = "injective-888";
        int timeoutBlocks = 20;

        public Mode mode() { return mode; }
        public String venueUrl() { return url; }
        public Hyperliquid hyperliquid() { return () -> false; }
        public Injective injective() {
            return new Injective() {
                public boolean enabled() { return injectiveEnabled; }
                public String lcdUrl() { return injectiveLcd; }
                public String chainId() { return chainId; }
                public java.math.BigInteger gasPrice() { return java.math.BigInteger.valueOf(160_000_000); }
                public String feeDenom() { return "inj"; }
                public long maxGasPerTx() { return 2_000_000; }
                public int timeoutBlocks() { return timeoutBlocks; }
                public Duration confirmInterval() { return Duration.ofMillis(300); }
                public Optional<java.util.List<String>> markets() { return Optional.empty(); }
                public int sequenceBreakerErrors() { return 10; }
            };
        }
        public Optional<String> walletsFile() { return wallets; }
        public Optional<String> instanceId() { return instanceId; }
        public String stateDir() { return stateDir; }
        public RateLimit rateLimit() {
            return new RateLimit() {
                public Optional<Double> ipCapacity() { return ipCapacity; }
                public Optional<Double> ipPerSecond() { return ipPerSecond; }
                public double walletCapacity() { return 10000; }
                public double walletPerSecond() { return 100; }
                public double cancelReserve() { return cancelReserve; }
                public Duration backoff() { return Duration.ofMillis(500); }
                public Duration maxBackoff() { return Duration.ofSeconds(30); }
            };
        }
        public Breaker circuitBreaker() {
            return new Breaker() {
                public int failures() { return breakerFailures; }
                public Duration backoff() { return Duration.ofSeconds(5); }
                public Duration maxBackoff() { return Duration.ofSeconds(60); }
            };
        }
        public DeadMan deadMan() {
            return new DeadMan() {
                public Duration timeout() { return deadManTimeout; }
                public Duration refresh() { return deadManRefresh; }
            };
        }
        public boolean useBatchModify() { return true; }
        public IntentsConsumer quoteIntents() {
            return new IntentsConsumer() {
                public String groupId() { return "execution-service"; }
                public String autoOffsetReset() { return "latest"; }
            };
        }

        int inFlight = 8;

        @Override
        public int maxRequestsInFlight() { return inFlight; }
        public Tolerance tolerance() {
            return new Tolerance() {
                public BigDecimal priceBps() { return new BigDecimal("2"); }
                public BigDecimal sizeFraction() { return sizeFraction; }
                public Duration minReplaceInterval() { return minReplaceInterval; }
            };
        }
        public Checks checks() {
            return new Checks() {
                public BigDecimal priceBandBps() { return new BigDecimal("500"); }
                public BigDecimal passiveBandBps() { return passiveBand; }
                public BigDecimal maxOrderNotional() { return new BigDecimal("250000"); }
                public int maxOpenOrders() { return maxOpen; }
            };
        }
        public Duration fillPollInterval() { return fillPoll; }
        public Duration settleInterval() { return settle; }
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
        v.fillPoll = Duration.ofSeconds(5);
        v.settle = Duration.ofSeconds(20);
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
        v.passiveBand = new BigDecimal("400");
        assertTrue(failure(v).contains("execution.checks.passive-band-bps"));
        v = new Values();
        v.fillPoll = Duration.ZERO;
        assertTrue(failure(v).contains("execution.fill-poll-interval"));
        v = new Values();
        v.instanceId = Optional.of("has space");
        assertTrue(failure(v).contains("execution.instance-id"));
        v = new Values();
        v.stateDir = "\0bad";
        assertTrue(failure(v).contains("execution.state-dir"));
        v = new Values();
        v.breakerFailures = 0;
        assertTrue(failure(v).contains("execution.circuit-breaker.failures"));
        v = new Values();
        v.minReplaceInterval = Duration.ofMillis(-1);
        assertTrue(failure(v).contains("execution.tolerance.min-replace-interval"));
        v = new Values();
        v.inFlight = 0;
        assertTrue(failure(v).contains("execution.max-requests-in-flight"));
        v = new Values();
        v.inFlight = 51;
        assertTrue(failure(v).contains("execution.max-requests-in-flight"));
    }

    @Test
    void theDeadMansSwitchMustStayMoreThanFiveSecondsAheadAndBeRefreshedInTime() {
        Values v = new Values();
        v.deadManTimeout = Duration.ofSeconds(5);
        assertTrue(failure(v).contains("execution.dead-man.timeout"));
        v = new Values();
        v.deadManRefresh = Duration.ofSeconds(10);
        assertTrue(failure(v).contains("execution.dead-man.refresh"));
        v.deadManRefresh = Duration.ZERO;
        assertTrue(failure(v).contains("execution.dead-man.refresh"));
    }

    @Test
    void rateLimitsDefaultToTheVenuesBudgetInLiveModeAndAreChecked() {
        Values v = new Values();
        v.mode = ExecutionConfig.Mode.LIVE;
        v.url = "https://api.hyperliquid.xyz";
        v.wallets = Optional.of("/secure/wallets.json");
        v.fillPoll = Duration.ofSeconds(5);
        v.settle = Duration.ofSeconds(20);
        assertEquals(1200.0, ConfigCheck.validate(v).rateLimits().ipCapacity());
        assertEquals(20.0, ConfigCheck.validate(v).rateLimits().ipPerSecond());
        v = new Values();
        v.ipCapacity = Optional.of(0.0);
        assertTrue(failure(v).contains("execution.rate-limit.ip.capacity"));
        v = new Values();
        v.cancelReserve = 0.7;
        assertTrue(failure(v).contains("execution.rate-limit.cancel-reserve"));
    }

    @Test
    void liveModeRefusesPollingThatWouldEatTheVenuesReadBudget() {
        Values v = new Values();
        v.mode = ExecutionConfig.Mode.LIVE;
        v.url = "https://api.hyperliquid.xyz";
        v.wallets = Optional.of("/secure/wallets.json");
        v.fillPoll = Duration.ofMillis(200); // the paper default: 100 weight/s for one wallet, the budget is 20
        v.settle = Duration.ofSeconds(20);
        String message = failure(v);
        assertTrue(message.contains("execution.fill-poll-interval") && message.contains("102.0"), message);
        v.fillPoll = Duration.ofSeconds(5);
        v.settle = Duration.ofSeconds(2); // 4 + 20 weight/s
        assertTrue(failure(v).contains("execution.settle-interval=PT2S"));
        v.settle = Duration.ofSeconds(20);
        ConfigCheck.validate(v);
        v.ipPerSecond = Optional.of(100.0); // an operator with a larger budget may poll faster
        v.fillPoll = Duration.ofSeconds(1);
        v.settle = Duration.ofSeconds(5);
        ConfigCheck.validate(v);
    }

    @Test
    void theInstanceIdIsTheConfiguredOneOrARandomOne() {
        Values v = new Values();
        v.instanceId = Optional.of("exec-a");
        assertEquals("exec-a", ConfigCheck.validate(v).instanceId());
        v.instanceId = Optional.empty();
        String random = ConfigCheck.validate(v).instanceId();
        assertTrue(random.startsWith("exec-") && !random.equals(ConfigCheck.validate(v).instanceId()), random);
    }

    @Test
    void theInjectiveVenueIsCheckedOnlyWhenEnabledAndNamesItsKeys() {
        Values v = new Values();
        v.injectiveLcd = "not a url";
        assertEquals(null, ConfigCheck.validate(v).injectiveLcd(), "off: its keys are not read");
        v.injectiveEnabled = true;
        assertTrue(failure(v).contains("execution.injective.lcd-url"));
        v.injectiveLcd = "http://127.0.0.1:8900";
        assertEquals(8900, ConfigCheck.validate(v).injectiveLcd().getPort());
        v.chainId = "Injective 888";
        assertTrue(failure(v).contains("execution.injective.chain-id"));
        v.chainId = "injective-1";
        v.timeoutBlocks = 1;
        assertTrue(failure(v).contains("execution.injective.timeout-blocks"));
        v.timeoutBlocks = 20;
        v.mode = ExecutionConfig.Mode.LIVE;
        v.url = "https://api.hyperliquid.xyz";
        v.wallets = Optional.of("/secure/wallets.json");
        v.fillPoll = Duration.ofSeconds(5);
        v.settle = Duration.ofSeconds(20);
        assertTrue(failure(v).contains("execution.injective.lcd-url"), "live needs https for the LCD too");
    }
}
