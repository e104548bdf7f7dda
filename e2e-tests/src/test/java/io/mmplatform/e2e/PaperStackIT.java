package io.mmplatform.e2e;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QualityState;
import io.mmplatform.common.messages.Side;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.PaperWallets;
import io.mmplatform.ops.StackComponent;
import io.mmplatform.ops.StackState;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.RecordCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper stack as ./mm up starts it: real broker, simulator, five services, each its own JVM. It trades for at
 * least a minute, then the invariants the platform promises are checked against the venue itself.
 */
class PaperStackIT {
    private static final Duration MIN_TRADING = Duration.ofSeconds(60);
    /** The stack is polled over HTTP: check every 200 ms, not at the default 50 ms. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static PaperStack stack;
    private static StackState state;
    private static Path runDir;

    @BeforeAll
    static void startPaperStack() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        runDir = root.resolve("e2e-tests/target/paper-run");
        if (Files.exists(runDir)) {
            try (Stream<Path> files = Files.walk(runDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        stack = new PaperStack(System.out);
        PaperStack.Options options = PaperStack.Options.defaults(root).withRunDir(runDir)
                .withPorts(18900, 0).withDatabase("mm_portfolio_e2e");
        state = stack.up(options);
    }

    @AfterAll
    static void stopPaperStack() {
        if (stack != null) {
            stack.down(runDir);
        }
    }

    @Test
    void tradesBothSidesKillEmptiesTheVenueAndPortfolioMatchesTheVenue() {
        VenueProbe venue = new VenueProbe(state.url(StackComponent.VENUE_SIMULATOR), state.url(StackComponent.PORTFOLIO));
        List<PaperWallets.Wallet> wallets = state.wallets();
        assertEquals(2, wallets.size());
        long started = System.nanoTime();

        try (RecordCollector fills = RecordCollector.open(state.bootstrap(), Topics.EXEC_FILLS, true);
             RecordCollector orders = RecordCollector.open(state.bootstrap(), Topics.EXEC_ORDERS, true)) {

            // 1. quotes on every market, fills on both sides, for at least a minute
            Await.until("every wallet quotes", Duration.ofSeconds(60), POLL, () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) > 0));
            Await.until("fills on both sides", Duration.ofSeconds(120), POLL, () -> {
                Set<Side> sides = fills.records().stream().map(r -> Codecs.FILL.decode(r.value()).side()).collect(Collectors.toSet());
                return sides.contains(Side.BUY) && sides.contains(Side.SELL);
            });
            long remaining = MIN_TRADING.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (remaining > 0) {
                sleep(remaining);
            }
            Set<String> quotedMarkets = orders.records().stream().map(r -> Codecs.ORDER_EVENT.decode(r.value()))
                    .filter(e -> e.event() == OrderEventType.ACK).map(OrderEvent::market).collect(Collectors.toSet());
            // ./mm up's default bots: Hyperliquid's four markets and the Injective mirror's two
            assertEquals(Set.of("BTC", "ETH", "SOL", "INJ", "INJ/USDT", "INJ/USDT-PERP"), quotedMarkets,
                    "orders rested on every market");

            // 2. a global kill empties the venue of our orders, and nothing new is sent until release
            long killSent = System.nanoTime();
            publishKill(KillState.ENGAGED);
            Await.until("no order of ours on the venue after the kill", Duration.ofSeconds(20), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) == 0));
            System.out.printf("kill -> venue empty in %d ms%n", Duration.ofNanos(System.nanoTime() - killSent).toMillis());
            int eventsAtEmpty = orders.records().size();
            for (int i = 0; i < 20; i++) {
                sleep(250);
                for (PaperWallets.Wallet wallet : wallets) {
                    assertEquals(0, venue.openOrders(wallet.address()), "an order reappeared during the kill");
                }
            }
            // (an ACK may still arrive for an order sent before the kill: on Injective the block that applies it can
            // come after the kill; the cancel-all follows it)
            List<OrderEvent> duringKill = orders.records().stream().skip(eventsAtEmpty)
                    .map(r -> Codecs.ORDER_EVENT.decode(r.value()))
                    .filter(e -> e.event() == OrderEventType.NEW).toList();
            assertEquals(List.of(), duringKill, "no order sent while the kill is engaged");

            // 3. with no order resting, positions are frozen: the portfolio must equal the venue exactly
            for (PaperWallets.Wallet wallet : wallets) {
                Await.until("portfolio equals the venue for " + wallet.id(), Duration.ofSeconds(30), POLL,
                        () -> normalized(venue.portfolioPositions(wallet.address()))
                                .equals(normalized(venue.venuePositions(wallet.address()))));
                assertFalse(venue.venuePositions(wallet.address()).isEmpty(), wallet.id() + " traded");
            }

            // 4. every fill counted once: the venue's fills = distinct fills on exec.fills = fills in portfolio
            for (PaperWallets.Wallet wallet : wallets) {
                int venueFills = venue.userFills(wallet.address());
                Await.until("exec.fills carries each venue fill of " + wallet.id(), Duration.ofSeconds(15), POLL,
                        () -> fillIdsByAddress(fills).getOrDefault(wallet.address().toLowerCase(), Set.of()).size() == venueFills);
                long portfolioFills = 0;
                for (var row : venue.portfolio()) {
                    if (row.path("wallet").asText().equalsIgnoreCase(wallet.address())) {
                        portfolioFills += row.path("fillCount").asLong();
                    }
                }
                assertEquals(venueFills, portfolioFills, "portfolio counted each fill of " + wallet.id() + " once");
                assertTrue(venueFills > 0);
            }

            // 5. release: quoting resumes
            publishKill(KillState.RELEASED);
            Await.until("quotes return after release", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().anyMatch(w -> venue.openOrders(w.address()) > 0));
        }

        // 6. a frozen reference source: SOL's Pyth prices stop, the reference goes STALE on md.quality, risk pulls
        // SOL's quotes (market:SOL) while the other markets trade on; thawed, SOL returns
        try (RecordCollector quality = RecordCollector.open(state.bootstrap(), Topics.MD_QUALITY, false);
             RecordCollector kills = RecordCollector.open(state.bootstrap(), Topics.RISK_KILL, false)) {
            // (a wallet a risk limit has stopped, e.g. a max-position breach, stays stopped: only those quoting count)
            Await.until("SOL quoted before the freeze", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().anyMatch(w -> venue.openOrders(w.address(), "SOL") > 0));
            venue.setFaults("{\"hermesFrozenCoins\":[\"SOL\"]}");
            // risk pulls SOL by whichever of its limits sees it first: its own reference staleness (5 s) or the
            // STALE data-quality event (price-feed's staleness, 10 s)
            kills.awaitRecord(r -> {
                KillSwitch k = Codecs.KILL_SWITCH.decode(r.value());
                return k.scope().equals("market:SOL") && k.state() == KillState.ENGAGED && k.actor().startsWith("risk");
            }, Duration.ofSeconds(40));
            quality.awaitRecord(r -> "SOL".equals(r.key())
                    && Codecs.DATA_QUALITY.decode(r.value()).state() == QualityState.STALE, Duration.ofSeconds(40));
            Await.until("no SOL order of ours while its reference is stale", Duration.ofSeconds(20), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address(), "SOL") == 0));
            assertTrue(wallets.stream().anyMatch(w -> venue.openOrders(w.address(), "BTC") > 0),
                    "the other markets are still quoted");

            venue.setFaults("{\"hermesFrozenCoins\":[]}");
            quality.awaitRecord(r -> "SOL".equals(r.key())
                    && Codecs.DATA_QUALITY.decode(r.value()).state() == QualityState.OK, Duration.ofSeconds(30));
            kills.awaitRecord(r -> {
                KillSwitch k = Codecs.KILL_SWITCH.decode(r.value());
                return k.scope().equals("market:SOL") && k.state() == KillState.RELEASED;
            }, Duration.ofSeconds(20));
            Await.until("SOL quoted again once its reference is fresh", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().anyMatch(w -> venue.openOrders(w.address(), "SOL") > 0));
        }
    }

    private static Map<String, Set<String>> fillIdsByAddress(RecordCollector fills) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (var record : fills.records()) {
            Fill fill = Codecs.FILL.decode(record.value());
            ids.computeIfAbsent(fill.address().toLowerCase(), a -> new HashSet<>()).add(fill.fillId());
        }
        return ids;
    }

    private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> positions) {
        Map<String, BigDecimal> out = new TreeMap<>();
        positions.forEach((market, size) -> out.put(market, size.stripTrailingZeros()));
        return out;
    }

    private static void publishKill(KillState state) {
        try {
            io.mmplatform.ops.KillSwitchPublisher.publish(PaperStackIT.state.bootstrap(), "global", state, "e2e test");
        } catch (Exception e) {
            throw new AssertionError("cannot publish to risk.kill", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
