package io.mmplatform.ops.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The JIT compilers' CPU in the stack's JVMs (the HotSpot threads named {@code C1/C2 CompilerThread}, read from
 * {@code /proc/<pid>/task/<tid>/stat}). A stack started a minute ago still compiles its hot paths: on two cores the
 * compilers took over half a core a minute after start, competing with the pipeline for the CPU it is measured on.
 * Services run for days, so the benchmark measures after the compilers have settled (or says it could not).
 */
final class JitActivity {
    /** Settled: all compilers together below this share of one core over {@link #SAMPLE}. */
    static final double SETTLED_PERCENT = 5;
    static final Duration SAMPLE = Duration.ofSeconds(10);

    private JitActivity() {
    }

    /** CPU time (clock ticks of 1/100 s) of the compiler threads of these processes. */
    static long compilerTicks(Collection<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    total += compilerTicks(task.resolve("stat"));
                }
            } catch (IOException | RuntimeException e) {
                // a process that is gone has no compiler
            }
        }
        return total;
    }

    private static long compilerTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            return PipelineBench.cpuTicksOf(s);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Waits until the compilers of {@code pids} use less than {@link #SETTLED_PERCENT} of a core over a
     * {@link #SAMPLE}, at most {@code max}; prints each sample. Returns the seconds waited, negative when they had not
     * settled by then.
     */
    static double awaitSettled(Collection<Long> pids, Duration max, PrintStream out) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long before = compilerTicks(pids);
            Thread.sleep(SAMPLE.toMillis());
            double percent = (compilerTicks(pids) - before) / (double) SAMPLE.toSeconds();
            double waited = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "bench: JIT compilers at %.0f%% of a core (after %.0f s)%n", percent, waited);
            if (percent < SETTLED_PERCENT) {
                return waited;
            }
            if (waited >= max.toSeconds()) {
                return -waited;
            }
        }
    }
}
