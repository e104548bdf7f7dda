package io.mmplatform.ops;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Which broker a command talks to: --bootstrap, else KAFKA_BOOTSTRAP_SERVERS, else the running paper stack's (found
 * through --run-dir). A picocli mixin: {@code @Mixin KafkaTarget kafka;}.
 */
final class KafkaTarget {
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else the paper stack's)")
    String bootstrap;

    @Option(names = "--run-dir", description = "the paper stack's run directory (default: ./run)")
    Path runDir;

    String resolve() {
        return resolve(bootstrap, runDir);
    }

    static String resolve(String option, Path runDir) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return StackState.read((runDir != null ? runDir : MmCommand.root().resolve("run")).toAbsolutePath())
                .map(StackState::bootstrap)
                .orElseThrow(() -> new IllegalStateException(
                        "no broker: the paper stack is not running; pass --bootstrap or set KAFKA_BOOTSTRAP_SERVERS"));
    }
}
