package io.mmplatform.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "up", description = "Build what is missing and start the paper stack (broker, simulator, five services) "
        + "in the background; returns when all report ready.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--run-dir", description = "state, logs, broker data and wallet keys (default: ./run)")
    Path runDir;

    @Option(names = "--port-base", defaultValue = "8900", description = "simulator port; services use base+1..base+5")
    int portBase;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "port of the local broker (ignored with KAFKA_BOOTSTRAP_SERVERS)")
    int kafkaPort;

    @Option(names = "--execution-replicas", defaultValue = "1", description = "execution-service instances sharing the "
            + "wallets by the partitions of quote.intents (1-" + PaperStack.MAX_EXECUTION_REPLICAS
            + "); replica i>0 listens on port base+10+i")
    int executionReplicas;

    @Override
    public Integer call() {
        Path root = MmCommand.root();
        PaperStack.Options options = PaperStack.Options.defaults(root).withPorts(portBase, kafkaPort)
                .withExecutionReplicas(executionReplicas);
        if (runDir != null) {
            options = options.withRunDir(runDir.toAbsolutePath());
        }
        new PaperStack(System.out).up(options);
        System.out.println("watch it:  ./mm status   ./mm tail exec.fills   ./mm kill --reason test   ./mm down");
        return 0;
    }
}
