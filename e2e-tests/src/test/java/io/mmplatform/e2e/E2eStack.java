package io.mmplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.ops.KillSwitchPublisher;
import io.mmplatform.ops.PaperStack;
import io.mmplatform.ops.StackState;
import io.mmplatform.testsupport.RecordCollector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the end-to-end tests share: a fresh paper stack in its own run directory, and small helpers. */
final class E2eStack {
    /** Orders per side the test's ladders ask for (set explicitly for every bot of the paper stack). */
    static final int LEVELS_PER_SIDE = 3;

    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** A clean run directory under e2e-tests/target. */
    static Path freshRunDir(String name) {
        Path runDir = root().resolve("e2e-tests/target/" + name);
        if (Files.exists(runDir)) {
            try (Stream<Path> files = Files.walk(runDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runDir;
    }

    /** Paper-stack options on the given ports with the e2e database and the test's ladder bots (3 levels a side). */
    static PaperStack.Options options(Path runDir, int portBase, int executionReplicas) {
        return options(runDir, portBase, executionReplicas, "ladders", Map.of());
    }

    /**
     * Paper-stack options with the bots of {@code e2e-tests/src/test/resources/bots/<bots>} and extra properties
     * ("component:key" -> value).
     */
    static PaperStack.Options options(Path runDir, int portBase, int executionReplicas, String bots,
                                      Map<String, String> properties) {
        Map<String, String> extra = new LinkedHashMap<>(properties);
        extra.put("quoting-service:quoting.bots-dir",
                root().resolve("e2e-tests/src/test/resources/bots").resolve(bots).toAbsolutePath().toString());
        return PaperStack.Options.defaults(root()).withRunDir(runDir).withPorts(portBase, 0)
                .withDatabase("mm_portfolio_e2e").withExtraProperties(extra).withExecutionReplicas(executionReplicas);
    }

    static void publishKill(StackState state, KillState kill, String reason) {
        try {
            KillSwitchPublisher.publish(state.bootstrap(), "global", kill, reason);
        } catch (Exception e) {
            throw new AssertionError("cannot publish to " + Topics.RISK_KILL, e);
        }
    }

    static Map<String, Set<String>> fillIdsByAddress(RecordCollector fills) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (var record : fills.records()) {
            Fill fill = Codecs.FILL.decode(record.value());
            ids.computeIfAbsent(fill.address().toLowerCase(), a -> new HashSet<>()).add(fill.fillId());
        }
        return ids;
    }

    static long portfolioFillCount(VenueProbe venue, String address) {
        long count = 0;
        for (JsonNode row : venue.portfolio()) {
            if (row.path("wallet").asText().equalsIgnoreCase(address)) {
                count += row.path("fillCount").asLong();
            }
        }
        return count;
    }

    static Map<String, BigDecimal> normalized(Map<String, BigDecimal> positions) {
        Map<String, BigDecimal> out = new TreeMap<>();
        positions.forEach((market, size) -> out.put(market, size.stripTrailingZeros()));
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private E2eStack() {
    }
}
