package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeenFillsTest {
    /** The wallet worker's fill poll: retries first, then each new venue fill applied once and published. */
    private static final class Poll {
        final SeenFills seen = new SeenFills(1000);
        final List<String> applied = new ArrayList<>();
        final List<String> published = new ArrayList<>();
        Predicate<Fill> brokerTakes = f -> true;

        void run(List<Fill> venueFills) {
            for (Fill retry : seen.takeRetries()) {
                publish(retry);
            }
            for (Fill f : venueFills) {
                if (seen.firstTime(f.fillId())) {
                    applied.add(f.fillId());
                    publish(f);
                }
            }
        }

        private void publish(Fill fill) {
            if (brokerTakes.test(fill)) {
                published.add(fill.fillId());
            } else {
                seen.publishFailed(fill);
            }
        }
    }

    private static Fill fill(long tid) {
        return new Fill("hyperliquid:" + tid + ":B", "w1", "0xabc", "hyperliquid", "BTC", Side.BUY,
                new BigDecimal("60000"), new BigDecimal("0.01"), new BigDecimal("0.1"), "USDC", Liquidity.MAKER,
                7L, null, 1_700_000_000_000L + tid, 0);
    }

    @Test
    void aFillWhosePublishFailedIsPublishedAgainOnTheNextPoll() {
        Poll poll = new Poll();
        poll.brokerTakes = f -> !f.fillId().equals("hyperliquid:2:B");
        poll.run(List.of(fill(1), fill(2)));
        assertEquals(List.of("hyperliquid:1:B"), poll.published);
        assertEquals(1, poll.seen.unpublished());

        poll.brokerTakes = f -> true;
        poll.run(List.of(fill(1), fill(2), fill(3)));
        assertEquals(List.of("hyperliquid:1:B", "hyperliquid:2:B", "hyperliquid:3:B"), poll.published,
                "the failed fill is published on the next poll, before the new one");
        assertEquals(List.of("hyperliquid:1:B", "hyperliquid:2:B", "hyperliquid:3:B"), poll.applied,
                "each fill's order effects are applied once");
        assertEquals(0, poll.seen.unpublished());

        poll.run(List.of(fill(1), fill(2), fill(3)));
        assertEquals(3, poll.published.size(), "nothing more once the broker took every fill");
    }

    @Test
    void aFillIsRetriedUntilTheBrokerTakesIt() {
        Poll poll = new Poll();
        poll.brokerTakes = f -> false;
        for (int i = 0; i < 3; i++) {
            poll.run(List.of(fill(1)));
            assertTrue(poll.published.isEmpty());
            assertEquals(1, poll.seen.unpublished());
        }
        poll.brokerTakes = f -> true;
        poll.run(List.of(fill(1)));
        assertEquals(List.of("hyperliquid:1:B"), poll.published);
        assertEquals(List.of("hyperliquid:1:B"), poll.applied);
        assertEquals(List.of(), poll.seen.takeRetries());
    }

    @Test
    void failuresReportedFromOtherThreadsAreAllRetried() throws Exception {
        SeenFills seen = new SeenFills(10_000);
        List<Fill> fills = IntStream.range(0, 2000).mapToObj(SeenFillsTest::fill).toList();
        fills.forEach(f -> assertTrue(seen.firstTime(f.fillId())));
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int part = t;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = part; i < fills.size(); i += 4) {
                        seen.publishFailed(fills.get(i));
                    }
                }, producers));
            }
            List<Fill> retried = new ArrayList<>();
            while (!done.stream().allMatch(CompletableFuture::isDone)) {
                retried.addAll(seen.takeRetries()); // the poll runs while nacks arrive
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            retried.addAll(seen.takeRetries());
            assertEquals(fills.size(), retried.stream().map(Fill::fillId).distinct().count(), "no failed fill lost");
            assertEquals(fills.size(), retried.size());
        } finally {
            producers.shutdownNow();
        }
        assertFalse(seen.firstTime(fills.get(0).fillId()), "a retried fill is still seen");
    }
}
