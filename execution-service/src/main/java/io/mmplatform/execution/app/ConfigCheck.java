package io.mmplatform.execution.app;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Start-up validation of {@code execution.*}: every failure names the key and what is wrong. */
final class ConfigCheck {
    static final String PAPER_WALLETS_FILE = "run/wallets.json";

    record Resolved(URI venueUrl, Path walletsFile) {
    }

    static Resolved validate(ExecutionConfig c) {
        URI url;
        try {
            url = URI.create(c.venueUrl());
        } catch (IllegalArgumentException e) {
            throw bad("execution.venue-url", "'" + c.venueUrl() + "' is not a URL");
        }
        if (url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw bad("execution.venue-url", "'" + c.venueUrl() + "' must be an http(s) URL with a host");
        }
        Path wallets;
        if (c.mode() == ExecutionConfig.Mode.LIVE) {
            if (!url.getScheme().equals("https")) {
                throw bad("execution.venue-url", "live mode requires an https URL, got " + c.venueUrl());
            }
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
        if (c.checks().priceBandBps().signum() <= 0) {
            throw bad("execution.checks.price-band-bps", "must be positive, got " + c.checks().priceBandBps());
        }
        if (c.checks().maxOrderNotional().signum() <= 0) {
            throw bad("execution.checks.max-order-notional", "must be positive, got " + c.checks().maxOrderNotional());
        }
        if (c.checks().maxOpenOrders() <= 0) {
            throw bad("execution.checks.max-open-orders", "must be positive, got " + c.checks().maxOpenOrders());
        }
        positive("execution.fill-poll-interval", c.fillPollInterval());
        positive("execution.settle-interval", c.settleInterval());
        positive("execution.max-intent-age", c.maxIntentAge());
        positive("execution.http-timeout", c.httpTimeout());
        positive("execution.shutdown-timeout", c.shutdownTimeout());
        return new Resolved(url, wallets);
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
