package io.mmplatform.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.ops.bench.PipelineBench;
import io.mmplatform.ops.bench.PipelineSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** ./mm bench: measurements that print numbers; they never fail on a timing. */
@Command(name = "bench", description = "Benchmarks that print numbers (they never fail on a timing).",
        mixinStandardHelpOptions = true, subcommands = {BenchCommand.Pipeline.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: ./mm bench pipeline [--markets N] [--rate TICKS_PER_S] [--seconds S] "
                + "[--curve [N,N,..]] [--max-rate]");
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true, description = "Tick-to-order latency of the paper "
            + "stack (price-feed, quoting, risk, execution, the simulator with --venue-latency-ms) per hop and end to "
            + "end, next to the bare-Kafka floor of the same shape on the same broker; consumer lag and every "
            + "process's resident memory at the end. Starts its own stack in its run directory and stops it.")
    static final class Pipeline implements Callable<Integer> {
        @Option(names = "--markets", defaultValue = "10", description = "synthetic markets, one ladder bot each (1-999)")
        int markets;

        @Option(names = "--rate", description = "reference ticks per second over all markets (default: 10 per market)")
        Double rate;

        @Option(names = "--seconds", defaultValue = "30", description = "measured window")
        int seconds;

        @Option(names = "--warmup", defaultValue = "10", description = "seconds before measuring")
        int warmup;

        @Option(names = "--jit-settle", defaultValue = "180", description = "after the warm-up, wait up to this many "
                + "seconds until the stack's JIT compilers use under 5%% of a core (services run for days, compiled); "
                + "0 measures right after the warm-up")
        int jitSettle;

        @Option(names = "--venue-latency-ms", defaultValue = "0", description = "added by the simulator to every "
                + "/info and /exchange answer (a real venue is tens of ms away)")
        long venueLatencyMs;

        @Option(names = "--run-dir", description = "the benchmark stack's run directory (default: ./run/bench)")
        Path runDir;

        @Option(names = "--port-base", defaultValue = "24900", description = "simulator port; services base+1..5")
        int portBase;

        @Option(names = "--json", description = "write the report here (default: <run-dir>/pipeline-<markets>.json, "
                + "pipeline-curve.json, pipeline-max-rate-<markets>.json)")
        Path json;

        @Option(names = "--curve", arity = "0..1", split = ",", fallbackValue = "1,10,100,500", paramLabel = "N,N,..",
                description = "the scale curve: one run per market count (default 1,10,100,500), each at "
                        + "--per-market ticks/s per market, on a fresh stack")
        List<Integer> curve;

        @Option(names = "--per-market", defaultValue = "10", description = "ticks/s per market for --curve")
        double perMarket;

        @Option(names = "--max-rate", description = "the highest rate without lag growth at --markets: runs from "
                + "--rate (doubling) until a run's lag grows or the rate passes --max-rate-ceiling")
        boolean maxRate;

        @Option(names = "--max-rate-ceiling", defaultValue = "6400", description = "ticks/s where --max-rate stops")
        double ceiling;

        @Override
        public Integer call() throws IOException {
            Path root = MmCommand.root();
            Path dir = (runDir != null ? runDir : root.resolve("run/bench")).toAbsolutePath();
            PipelineBench.Options options = new PipelineBench.Options(root, dir, markets,
                    rate != null ? rate : markets * 10.0, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup),
                    portBase, venueLatencyMs, Duration.ofSeconds(jitSettle));
            ObjectNode report;
            String name;
            if (curve != null) {
                report = new PipelineSweep(System.out).curve(options, curve, perMarket);
                name = "pipeline-curve.json";
            } else if (maxRate) {
                report = new PipelineSweep(System.out).maxRate(options, options.ratePerSecond(), ceiling);
                name = "pipeline-max-rate-" + markets + ".json";
            } else {
                report = new PipelineBench(System.out).run(options);
                name = "pipeline-" + markets + ".json";
            }
            Path out = json != null ? json : dir.resolve(name);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            System.out.println("report: " + out);
            return 0;
        }
    }
}
