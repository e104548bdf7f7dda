package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.ops.PaperWallets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every wallet's open orders from the venue at a fixed period while a test runs and records each snapshot
 * that breaks the no-duplicate rules: two open orders of one wallet at one (market, side, price), or (when a limit
 * is given) more open orders of one wallet on one market than the ladder can ask for. A sample the venue answers
 * with 429 is skipped and counted, never read as an empty book.
 */
final class OpenOrderSampler implements AutoCloseable {
    private final VenueProbe venue;
    private final List<PaperWallets.Wallet> wallets;
    private final Integer maxPerMarket;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "open-order-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    /** @param maxPerMarket at most this many open orders per wallet and market, or null for no such limit */
    OpenOrderSampler(VenueProbe venue, List<PaperWallets.Wallet> wallets, Integer maxPerMarket, Duration period) {
        this.venue = venue;
        this.wallets = wallets;
        this.maxPerMarket = maxPerMarket;
        timer.scheduleWithFixedDelay(this::sampleAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleAll() {
        for (PaperWallets.Wallet wallet : wallets) {
            try {
                Optional<JsonNode> orders = venue.openOrderList(wallet.address());
                if (orders.isEmpty()) {
                    skipped.incrementAndGet();
                    continue;
                }
                samples.incrementAndGet();
                violations.addAll(check(wallet.id(), orders.get(), maxPerMarket));
            } catch (RuntimeException | AssertionError e) {
                violations.add(wallet.id() + ": sample failed: " + e);
            }
        }
    }

    /** The rule breaks in one snapshot of a wallet's open orders. */
    static List<String> check(String walletId, JsonNode orders, Integer maxPerMarket) {
        List<String> found = new ArrayList<>();
        Map<String, List<String>> byLevel = new HashMap<>();
        Map<String, Integer> byMarket = new HashMap<>();
        for (JsonNode order : orders) {
            String market = order.path("coin").asText();
            String level = market + " " + order.path("side").asText() + " @ "
                    + new java.math.BigDecimal(order.path("limitPx").asText()).stripTrailingZeros().toPlainString();
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(order.toString());
            byMarket.merge(market, 1, Integer::sum);
        }
        byLevel.forEach((level, list) -> {
            if (list.size() > 1) {
                found.add(walletId + ": " + list.size() + " open orders at " + level + ": " + list);
            }
        });
        if (maxPerMarket != null) {
            byMarket.forEach((market, count) -> {
                if (count > maxPerMarket) {
                    found.add(walletId + ": " + count + " open orders on " + market + " (at most " + maxPerMarket
                            + "): " + orders);
                }
            });
        }
        return found;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int samples() {
        return samples.get();
    }

    int skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
