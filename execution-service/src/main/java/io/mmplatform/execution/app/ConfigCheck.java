package io.mmplatform.execution.app;

import io.mmplatform.execution.domain.RateLimiter;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Start-up validation of {@code execution.*}: every failure names the key and what is wrong. */
final class ConfigCheck {
    static final String PAPER_WALLETS_FILE = "run/wallets.json";
    /** Well under the 100 nonces Hyperliquid keeps per signer. */
    static final int MAX_REQUESTS_IN_FLIGHT = 50;

    /** The venue refuses a scheduled cancel less than this far ahead. */
    static final Duration VENUE_MIN_SCHEDULE_LEAD = Duration.ofSeconds(5);

    /** @param injectiveLcd the Injective LCD when execution.injective.enabled, else null */
    record Resolved(URI venueUrl, Path walletsFile, String instanceId, RateLimiter.Limits rateLimits, Path stateDir,
                    URI injectiveLcd) {
    }

    static Resolved validate(ExecutionConfig c) {
        boolean live = c.mode() == ExecutionConfig.Mode.LIVE;
        URI url = httpUrl("execution.venue-url", c.venueUrl(), live);
        URI injectiveLcd = null;
        if (c.injective().enabled()) {
            ExecutionConfig.Injective inj = c.injective();
            injectiveLcd = httpUrl("execution.injective.lcd-url", inj.lcdUrl(), live);
            if (!inj.chainId().matches("[a-z0-9-]{1,50}")) {
                throw bad("execution.injective.chain-id", "must be a chain id like injective-888, got '" + inj.chainId() + "'");
            }
            if (inj.gasPrice().signum() <= 0) {
                throw bad("execution.injective.gas-price", "must be positive, got " + inj.gasPrice());
            }
            if (inj.maxGasPerTx() < 200_000) {
                throw bad("execution.injective.max-gas-per-tx", "must be at least 200000, got " + inj.maxGasPerTx());
            }
            if (inj.timeoutBlocks() < 2) {
                throw bad("execution.injective.timeout-blocks", "must be at least 2, got " + inj.timeoutBlocks());
            }
            positive("execution.injective.confirm-interval", inj.confirmInterval());
            if (inj.sequenceBreakerErrors() <= 0) {
                throw bad("execution.injective.sequence-breaker-errors", "must be positive, got "
                        + inj.sequenceBreakerErrors());
            }
        }
        Path wallets;
        if (live) {
            wallets = Path.of(c.walletsFile().orElseThrow(() -> bad("execution.wallets-file",
                    "live mode requires an explicit wallets file")));
        } else {
            wallets = Path.of(c.walletsFile().orElse(PAPER_WALLETS_FILE));
        }
        if (c.tolerance().priceBps().signum() < 0) {
            throw bad("execution.tolerance.price-bps", "must be >= 0, got " + c.tolerance().priceBps());
        }
        if (c.tolerance().sizeFraction().signum() < 0 || c.tolerance().sizeFraction().compareTo(BigDecimal.ONE) >= 0) {
            throw bad("execution.tolerance.size-fraction", "must be in [0, 1), got " + c.tolerance().sizeFraction());
        }
        if (c.tolerance().minReplaceInterval().isNegative()) {
            throw bad("execution.tolerance.min-replace-interval", "must be >= 0, got " + c.tolerance().minReplaceInterval());
        }
        if (c.checks().priceBandBps().signum() <= 0) {
            throw bad("execution.checks.price-band-bps", "must be positive, got " + c.checks().priceBandBps());
        }
        if (c.checks().passiveBandBps().compareTo(c.checks().priceBandBps()) < 0) {
            throw bad("execution.checks.passive-band-bps", "must be at least execution.checks.price-band-bps ("
                    + c.checks().priceBandBps() + "), got " + c.checks().passiveBandBps());
        }
        if (c.checks().maxOrderNotional().signum() <= 0) {
            throw bad("execution.checks.max-order-notional", "must be positive, got " + c.checks().maxOrderNotional());
        }
        if (c.checks().maxOpenOrders() <= 0) {
            throw bad("execution.checks.max-open-orders", "must be positive, got " + c.checks().maxOpenOrders());
        }
        if (c.maxRequestsInFlight() < 1 || c.maxRequestsInFlight() > MAX_REQUESTS_IN_FLIGHT) {
            throw bad("execution.max-requests-in-flight", "must be 1.." + MAX_REQUESTS_IN_FLIGHT
                    + " (the venue keeps a signer's 100 highest nonces), got " + c.maxRequestsInFlight());
        }
        positive("execution.fill-poll-interval", c.fillPollInterval());
        positive("execution.settle-interval", c.settleInterval());
        positive("execution.max-intent-age", c.maxIntentAge());
        positive("execution.http-timeout", c.httpTimeout());
        positive("execution.shutdown-timeout", c.shutdownTimeout());
        positive("execution.dead-man.refresh", c.deadMan().refresh());
        if (c.deadMan().timeout().compareTo(VENUE_MIN_SCHEDULE_LEAD) <= 0) {
            throw bad("execution.dead-man.timeout", "must be more than " + VENUE_MIN_SCHEDULE_LEAD.toSeconds()
                    + "s (the venue refuses a scheduled cancel closer than that), got " + c.deadMan().timeout());
        }
        if (c.deadMan().refresh().compareTo(c.deadMan().timeout().minus(VENUE_MIN_SCHEDULE_LEAD)) >= 0) {
            throw bad("execution.dead-man.refresh", "must be shorter than execution.dead-man.timeout minus "
                    + VENUE_MIN_SCHEDULE_LEAD.toSeconds() + "s, got " + c.deadMan().refresh() + " with timeout "
                    + c.deadMan().timeout());
        }
        if (c.circuitBreaker().failures() <= 0) {
            throw bad("execution.circuit-breaker.failures", "must be positive, got " + c.circuitBreaker().failures());
        }
        positive("execution.circuit-breaker.backoff", c.circuitBreaker().backoff());
        if (c.circuitBreaker().maxBackoff().compareTo(c.circuitBreaker().backoff()) < 0) {
            throw bad("execution.circuit-breaker.max-backoff", "must be at least execution.circuit-breaker.backoff ("
                    + c.circuitBreaker().backoff() + "), got " + c.circuitBreaker().maxBackoff());
        }
        String instanceId = c.instanceId().map(String::strip).orElse("");
        if (c.instanceId().isPresent() && !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw bad("execution.instance-id", "must be 1-64 of [A-Za-z0-9._-], got '" + c.instanceId().get() + "'");
        }
        if (instanceId.isEmpty()) {
            instanceId = "exec-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
        Path stateDir;
        try {
            stateDir = Path.of(c.stateDir());
            java.nio.file.Files.createDirectories(stateDir);
        } catch (java.nio.file.InvalidPathException | java.io.IOException e) {
            throw bad("execution.state-dir", "'" + c.stateDir() + "' is not a usable directory: " + e.getMessage());
        }
        if (!java.nio.file.Files.isWritable(stateDir)) {
            throw bad("execution.state-dir", "'" + c.stateDir() + "' is not writable");
        }
        RateLimiter.Limits limits = rateLimits(c);
        if (c.mode() == ExecutionConfig.Mode.LIVE) {
            checkReadBudget(c, limits);
        }
        return new Resolved(url, wallets, instanceId, limits, stateDir, injectiveLcd);
    }

    /** An http(s) URL with a host; https in live mode. */
    private static URI httpUrl(String key, String value, boolean live) {
        URI url;
        try {
            url = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw bad(key, "'" + value + "' is not a URL");
        }
        if (url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw bad(key, "'" + value + "' must be an http(s) URL with a host");
        }
        if (live && !url.getScheme().equals("https")) {
            throw bad(key, "live mode requires an https URL, got " + value);
        }
        return url;
    }

    /**
     * The polling reads of one wallet (userFills every fill poll; openOrders and userFills every settle) must leave
     * at least half of the venue's IP budget to orders and cancels. The paper defaults poll far faster than a live
     * venue allows, so going live without slowing them down is refused here rather than throttled at run time.
     */
    private static void checkReadBudget(ExecutionConfig c, RateLimiter.Limits limits) {
        double pollWeight = RateLimiter.infoWeight("userFills") * 1000.0 / c.fillPollInterval().toMillis();
        double settleWeight = (RateLimiter.infoWeight("openOrders") + RateLimiter.infoWeight("userFills")) * 1000.0
                / c.settleInterval().toMillis();
        double share = limits.ipPerSecond() / 2;
        if (pollWeight + settleWeight > share) {
            throw bad("execution.fill-poll-interval", String.format(java.util.Locale.ROOT,
                    "with execution.settle-interval=%s, polling costs %.1f request weight per second per wallet, more "
                            + "than half of the venue's budget (execution.rate-limit.ip.per-second=%.0f); in live mode "
                            + "use slower polls, e.g. execution.fill-poll-interval=5s and execution.settle-interval=20s "
                            + "(6 weight/s per wallet)", c.settleInterval(), pollWeight + settleWeight,
                    limits.ipPerSecond()));
        }
    }

    private static RateLimiter.Limits rateLimits(ExecutionConfig c) {
        ExecutionConfig.RateLimit r = c.rateLimit();
        boolean live = c.mode() == ExecutionConfig.Mode.LIVE;
        double ipCapacity = r.ipCapacity().orElse(live ? 1200.0 : 100_000.0);
        double ipPerSecond = r.ipPerSecond().orElse(live ? 20.0 : 2000.0);
        positive("execution.rate-limit.ip.capacity", ipCapacity);
        positive("execution.rate-limit.ip.per-second", ipPerSecond);
        positive("execution.rate-limit.wallet.capacity", r.walletCapacity());
        positive("execution.rate-limit.wallet.per-second", r.walletPerSecond());
        if (!(r.cancelReserve() >= 0 && r.cancelReserve() < 0.5)) {
            throw bad("execution.rate-limit.cancel-reserve", "must be in [0, 0.5), got " + r.cancelReserve());
        }
        positive("execution.rate-limit.backoff", r.backoff());
        if (r.maxBackoff().compareTo(r.backoff()) < 0) {
            throw bad("execution.rate-limit.max-backoff", "must be at least execution.rate-limit.backoff ("
                    + r.backoff() + "), got " + r.maxBackoff());
        }
        return new RateLimiter.Limits(ipCapacity, ipPerSecond, r.walletCapacity(), r.walletPerSecond(),
                r.cancelReserve(), r.backoff().toNanos(), r.maxBackoff().toNanos());
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(key, "must be a positive number, got " + v);
        }
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
            throw bad(key, "must be at least 1ms, got " + d);
        }
    }

    private static IllegalStateException bad(String key, String what) {
        return new IllegalStateException("invalid configuration " + key + ": " + what);
    }

    private ConfigCheck() {
    }
}
