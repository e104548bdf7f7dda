package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Decimals;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.PaperWallets;
import io.mmplatform.ops.StackComponent;
import io.mmplatform.ops.StackState;
import io.mmplatform.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mirror bot on the paper stack: the simulator's INJ market starts with a resident book centred 20% above the
 * reference; the bot walks the venue mid to within 50 bps of the reference with bounded IOC orders, then holds a
 * staircase of at least 30 levels per side.
 */
class MirrorIT {
    private static final String MARKET = "INJ";
    private static final BigDecimal MAX_GAP_BPS = new BigDecimal("50");
    private static final int MIN_LEVELS = 30;

    private static PaperStack stack;
    private static StackState state;
    private static Path runDir;

    @BeforeAll
    static void startPaperStack() {
        runDir = E2eStack.freshRunDir("mirror-run");
        stack = new PaperStack(System.out);
        state = stack.up(E2eStack.options(runDir, 21900, 1, "mirror", Map.of(
                "venue-simulator:simulator.market.INJ.resident.offset-pct", "20",
                "venue-simulator:simulator.market.INJ.resident.levels", "10",
                "venue-simulator:simulator.market.INJ.resident.size-notional", "300")));
    }

    @AfterAll
    static void stopPaperStack() {
        if (stack != null) {
            stack.down(runDir);
        }
    }

    @Test
    void theMirrorBotWalksAMarketTwentyPercentOffToTheReferenceAndHoldsADeepBook() {
        VenueProbe venue = new VenueProbe(state.url(StackComponent.VENUE_SIMULATOR), state.url(StackComponent.PORTFOLIO));
        PaperWallets.Wallet w1 = state.wallets().stream().filter(w -> w.id().equals("w1")).findFirst().orElseThrow();

        JsonNode start = venue.simMarket(MARKET);
        BigDecimal startGap = Decimals.diffBps(new BigDecimal(start.path("resident").path("centre").asText()),
                new BigDecimal(start.path("referencePrice").asText()));
        System.out.printf("INJ starts with a resident book centred %s bps from the reference%n", startGap.setScale(0, RoundingMode.HALF_UP));
        assertTrue(startGap.compareTo(new BigDecimal("1900")) > 0, "the venue starts about 20% away: " + startGap);

        long t0 = System.nanoTime();
        Await.until("the venue mid within " + MAX_GAP_BPS + " bps of the reference", Duration.ofSeconds(120),
                Duration.ofMillis(250), () -> gapBps(venue).abs().compareTo(MAX_GAP_BPS) <= 0);
        System.out.printf("converged in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Await.until(MIN_LEVELS + " levels per side", Duration.ofSeconds(60), Duration.ofMillis(250),
                () -> levels(venue, w1.address(), "B") >= MIN_LEVELS && levels(venue, w1.address(), "A") >= MIN_LEVELS);
        for (int i = 0; i < 15; i++) {
            E2eStack.sleep(1_000);
            BigDecimal gap = gapBps(venue);
            int bids = levels(venue, w1.address(), "B");
            int asks = levels(venue, w1.address(), "A");
            assertTrue(gap.abs().compareTo(MAX_GAP_BPS) <= 0, "sample " + i + ": the mid is " + gap + " bps off");
            assertTrue(bids >= MIN_LEVELS && asks >= MIN_LEVELS, "sample " + i + ": " + bids + " bid and " + asks
                    + " ask levels");
        }
        JsonNode end = venue.simMarket(MARKET);
        System.out.printf("resident orders left %s; mid %s bps from the reference%n",
                end.path("resident").path("ordersLeft").asText(), gapBps(venue).setScale(1, RoundingMode.HALF_UP));
        // the way there: every resident bid (all 15-20% above the reference) was sold into, the asks are untouched
        assertEquals(0, end.path("resident").path("bidsLeft").asInt(), "the resident bids were walked through");
        assertEquals(10, end.path("resident").path("asksLeft").asInt());
        BigDecimal position = venue.venuePositions(w1.address()).getOrDefault(MARKET, BigDecimal.ZERO);
        assertTrue(position.signum() < 0, "the mirror wallet sold to move the market: " + position);
    }

    /** (venue mid - reference) / reference in bps; the book must be two-sided. */
    private static BigDecimal gapBps(VenueProbe venue) {
        JsonNode m = venue.simMarket(MARKET);
        if (m.path("bestBid").isNull() || m.path("bestAsk").isNull()) {
            throw new AssertionError("the INJ book is one-sided: " + m);
        }
        BigDecimal mid = new BigDecimal(m.path("bestBid").asText()).add(new BigDecimal(m.path("bestAsk").asText()))
                .divide(BigDecimal.valueOf(2));
        return Decimals.diffBps(mid, new BigDecimal(m.path("referencePrice").asText()));
    }

    /** Distinct price levels of the wallet's resting INJ orders on one side (B or A). */
    private static int levels(VenueProbe venue, String address, String side) {
        return (int) venue.openOrderList(address).map(list -> {
            java.util.Set<String> prices = new java.util.HashSet<>();
            for (JsonNode o : list) {
                if (o.path("coin").asText().equals(MARKET) && o.path("side").asText().equals(side)) {
                    prices.add(new BigDecimal(o.path("limitPx").asText()).stripTrailingZeros().toPlainString());
                }
            }
            return prices.size();
        }).orElse(0);
    }
}
