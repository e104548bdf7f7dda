package io.mmplatform.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Several pipeline runs in a row, each on a freshly started stack, summarised in one table: the scale curve (the same
 * per-market rate at more and more markets) and the search for the highest rate without lag growth (the rate doubled
 * from a start until a run's lag grows).
 */
public final class PipelineSweep {
    /** One run to do: markets and total ticks per second. */
    public record Point(int markets, double ratePerSecond) {
    }

    private final PrintStream out;

    public PipelineSweep(PrintStream out) {
        this.out = out;
    }

    /** The curve: each market count at {@code perMarket} ticks per second per market. */
    public ObjectNode curve(PipelineBench.Options template, List<Integer> markets, double perMarket) {
        List<Point> points = new ArrayList<>();
        markets.forEach(m -> points.add(new Point(m, m * perMarket)));
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("kind", "scale-curve");
        r.put("ticksPerSecondPerMarket", perMarket);
        ArrayNode runs = r.putArray("runs");
        for (Point p : points) {
            runs.add(runOne(template, p));
        }
        summary(runs);
        return r;
    }

    /** Doubles the rate from {@code from} until the lag grows or the rate passes {@code ceiling}. */
    public ObjectNode maxRate(PipelineBench.Options template, double from, double ceiling) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("kind", "max-rate");
        r.put("markets", template.markets());
        ArrayNode runs = r.putArray("runs");
        double sustained = Double.NaN;
        for (double rate = from; rate <= ceiling; rate *= 2) {
            ObjectNode run = runOne(template, new Point(template.markets(), rate));
            runs.add(run);
            if (!sustained(run)) {
                break;
            }
            sustained = run.path("ticksPerSecond").asDouble();
        }
        r.put("highestRateWithoutLagGrowth", sustained);
        summary(runs);
        out.println(Double.isNaN(sustained)
                ? String.format(Locale.ROOT, "lag grew already at %.0f ticks/s", from)
                : String.format(Locale.ROOT, "highest rate without lag growth at %d markets: %.0f ticks/s",
                template.markets(), sustained));
        return r;
    }

    /** The run's consumers caught up after the start and their lag did not grow over the window. */
    static boolean sustained(JsonNode run) {
        return run.path("caughtUpBeforeWindow").asBoolean(false) && !run.path("lagGrowing").asBoolean(true);
    }

    private ObjectNode runOne(PipelineBench.Options template, Point p) {
        PipelineBench.Options o = new PipelineBench.Options(template.root(), template.runDir(), p.markets(),
                p.ratePerSecond(), template.measure(), template.warmup(), template.portBase(),
                template.venueLatencyMs(), template.jitSettle());
        try {
            return new PipelineBench(out).run(o);
        } catch (RuntimeException e) {
            // a point that cannot run (the stack does not come up) is a result of the sweep, not its end
            ObjectNode failed = Json.MAPPER.createObjectNode();
            failed.put("markets", p.markets());
            failed.put("ticksPerSecond", p.ratePerSecond());
            failed.put("error", String.valueOf(e.getMessage()));
            failed.put("lagGrowing", true);
            out.println("bench: the run at " + p + " failed: " + e.getMessage());
            return failed;
        }
    }

    private void summary(ArrayNode runs) {
        out.printf("%n%7s %9s %10s %10s %10s %10s %8s %8s %8s %10s %10s%n", "markets", "ticks/s", "e2e p50", "e2e p99",
                "floor p50", "floor p99", "x p50", "x p99", "lag", "max svc MB", "total MB");
        for (JsonNode run : runs) {
            if (run.has("error")) {
                out.printf(Locale.ROOT, "%7d %9.0f  failed: %s%n", run.path("markets").asInt(),
                        run.path("ticksPerSecond").asDouble(), run.path("error").asText());
                continue;
            }
            JsonNode e2e = run.path("hops").path("tickToOrder");
            JsonNode floor = run.path("floor");
            long maxService = 0;
            for (var f : (Iterable<java.util.Map.Entry<String, JsonNode>>) run.path("rssMb")::fields) {
                if (f.getKey().endsWith("-service")) {
                    maxService = Math.max(maxService, f.getValue().asLong());
                }
            }
            out.printf(Locale.ROOT, "%7d %9.0f %10.1f %10.1f %10.1f %10.1f %8.2f %8.2f %8s %10d %10d%n",
                    run.path("markets").asInt(), run.path("ticksPerSecond").asDouble(), e2e.path("p50Ms").asDouble(),
                    e2e.path("p99Ms").asDouble(), floor.path("p50Ms").asDouble(), floor.path("p99Ms").asDouble(),
                    run.path("ratioToFloor").path("p50").asDouble(), run.path("ratioToFloor").path("p99").asDouble(),
                    sustained(run) ? "steady" : "grows", maxService,
                    run.path("rssTotalMb").asLong());
        }
    }
}
