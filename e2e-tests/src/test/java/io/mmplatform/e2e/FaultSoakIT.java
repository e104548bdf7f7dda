package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.PaperWallets;
import io.mmplatform.ops.StackComponent;
import io.mmplatform.ops.StackState;
import io.mmplatform.testsupport.Await;
import io.mmplatform.testsupport.RecordCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two minutes of trading against a venue that misbehaves on purpose (5% of orders rejected, 1% of exchange answers
 * lost after the request was applied, a 2 s burst of 429s and a drop of every WebSocket every 20 s), then a global kill: no order of ours is left
 * on the venue, no wallet ever had two open orders at one (market, side, price), positions in portfolio equal the
 * venue's, every venue fill is counted once, and no service logged an unexpected error.
 */
class FaultSoakIT {
    private static final Duration SOAK = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);

    private static PaperStack stack;
    private static StackState state;
    private static Path runDir;

    @BeforeAll
    static void startPaperStack() {
        runDir = E2eStack.freshRunDir("fault-soak-run");
        stack = new PaperStack(System.out);
        state = stack.up(E2eStack.options(runDir, 19900, 1));
    }

    @AfterAll
    static void stopPaperStack() {
        if (stack != null) {
            stack.down(runDir);
        }
    }

    @Test
    void twoMinutesOfFaultsLeaveNoOrphanNoDuplicateAndExactBooks() {
        VenueProbe venue = new VenueProbe(state.url(StackComponent.VENUE_SIMULATOR), state.url(StackComponent.PORTFOLIO));
        List<PaperWallets.Wallet> wallets = state.wallets();
        assertEquals(2, wallets.size());

        Map<String, Integer> logsAtStart;
        try (RecordCollector fills = RecordCollector.open(state.bootstrap(), Topics.EXEC_FILLS, true)) {
            Await.until("every wallet quotes", Duration.ofSeconds(60), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) > 0));

            // read before the faults: during a 429 burst the venue answers nothing
            int[] fillsBefore = wallets.stream().mapToInt(w -> venue.userFills(w.address())).toArray();
            logsAtStart = LogScan.mark(runDir.resolve("logs"));
            OpenOrderSampler sampler;
            try (OpenOrderSampler running = new OpenOrderSampler(venue, wallets, null, Duration.ofSeconds(2))) {
                sampler = running;
                // 1. the faults, through the simulator's admin endpoint
                JsonNode set = venue.setFaults("{\"rejectRate\":0.05,\"lostAnswerRate\":0.01,"
                        + "\"burst429EverySeconds\":20,\"burst429DurationMs\":2000,\"wsDropEverySeconds\":20}");
                assertEquals(0.05, set.path("rejectRate").asDouble(), "faults set: " + set);
                assertEquals(0.01, set.path("lostAnswerRate").asDouble(), "faults set: " + set);
                assertEquals(20, set.path("burst429EverySeconds").asLong(), "faults set: " + set);
                assertEquals(2000, set.path("burst429DurationMs").asLong(), "faults set: " + set);
                assertEquals(20, set.path("wsDropEverySeconds").asLong(), "faults set: " + set);

                // 2. trade through them
                E2eStack.sleep(SOAK.toMillis());

                // 3. clear the faults, pull the global kill
                JsonNode cleared = venue.setFaults("{\"latencyMs\":0,\"jitterMs\":0,\"rejectRate\":0,\"lostAnswerRate\":0,"
                        + "\"burst429EverySeconds\":0,\"burst429DurationMs\":0,\"paused\":false,\"wsDropEverySeconds\":0}");
                assertEquals(0.0, cleared.path("rejectRate").asDouble(), "faults cleared: " + cleared);
                assertEquals(cleared, venue.faults(), "GET /sim/faults shows what POST set");
                for (int i = 0; i < wallets.size(); i++) {
                    PaperWallets.Wallet wallet = wallets.get(i);
                    assertTrue(venue.userFills(wallet.address()) > fillsBefore[i], wallet.id() + " traded during the soak");
                }
                E2eStack.publishKill(state, KillState.ENGAGED, "fault soak over");
            }

            // 4. no orphan: nothing of ours rests on the venue, and nothing comes back
            Await.until("no order of ours on the venue after the kill", Duration.ofSeconds(30), POLL,
                    () -> wallets.stream().allMatch(w -> venue.openOrders(w.address()) == 0));
            for (int i = 0; i < 20; i++) {
                E2eStack.sleep(250);
                for (PaperWallets.Wallet wallet : wallets) {
                    assertEquals(0, venue.openOrders(wallet.address()), "an order of " + wallet.id() + " reappeared during the kill");
                }
            }

            // 5. no duplicate order for one level at any sample of the run
            System.out.printf("open-order samples: %d taken, %d skipped (429)%n", sampler.samples(), sampler.skipped());
            assertTrue(sampler.samples() >= 2 * 40, "the venue was sampled through the soak: " + sampler.samples());
            assertEquals(List.of(), sampler.violations(), "duplicate orders at one (market, side, price)");

            // 6. positions equal the venue's exactly
            for (PaperWallets.Wallet wallet : wallets) {
                Await.until("portfolio equals the venue for " + wallet.id(), Duration.ofSeconds(30), POLL,
                        () -> E2eStack.normalized(venue.portfolioPositions(wallet.address()))
                                .equals(E2eStack.normalized(venue.venuePositions(wallet.address()))));
                assertFalse(venue.venuePositions(wallet.address()).isEmpty(), wallet.id() + " holds a position");
            }

            // 7. every venue fill counted once, on exec.fills and in portfolio
            for (PaperWallets.Wallet wallet : wallets) {
                int venueFills = venue.userFills(wallet.address());
                Await.until("exec.fills carries each venue fill of " + wallet.id(), Duration.ofSeconds(15), POLL,
                        () -> E2eStack.fillIdsByAddress(fills).getOrDefault(wallet.address().toLowerCase(), Set.of())
                                .size() == venueFills);
                Await.until("portfolio counted each fill of " + wallet.id() + " once", Duration.ofSeconds(15), POLL,
                        () -> E2eStack.portfolioFillCount(venue, wallet.address()) == venueFills);
                assertEquals(venueFills, E2eStack.portfolioFillCount(venue, wallet.address()));
            }
        }

        // 8. no unhandled exception in any service's log, from the soak's start to now
        List<String> unexpected = LogScan.unexpectedSince(runDir.resolve("logs"), logsAtStart);
        assertEquals(List.of(), unexpected, "unexpected errors in " + runDir.resolve("logs") + ":\n"
                + String.join("\n", unexpected));
    }
}
