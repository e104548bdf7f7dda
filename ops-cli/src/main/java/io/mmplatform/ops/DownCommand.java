package io.mmplatform.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "down", description = "Stop the paper stack: services first (execution cancels its orders), the broker last.")
final class DownCommand implements Callable<Integer> {
    @Option(names = "--run-dir", description = "default: ./run")
    Path runDir;

    @Override
    public Integer call() {
        new PaperStack(System.out).down(runDir != null ? runDir : MmCommand.root().resolve("run"));
        return 0;
    }
}
