package io.mmplatform.ops;

import java.nio.file.Path;

/** Which broker a command talks to: --bootstrap, else KAFKA_BOOTSTRAP_SERVERS, else the running paper stack's. */
final class KafkaTarget {
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

    private KafkaTarget() {
    }
}
