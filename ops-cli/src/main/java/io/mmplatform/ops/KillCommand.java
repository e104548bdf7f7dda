package io.mmplatform.ops;

import io.mmplatform.common.messages.KillState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "kill", description = "Engage the kill switch on risk.kill: execution cancels every order in scope "
        + "and sends nothing in scope until ./mm resume; quoting stops.")
final class KillCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "global", description = "global | wallet:<id> | market:<name> (default global)")
    String scope;

    @Option(names = "--reason", required = true, description = "why; kept on the compacted topic for everyone to read")
    String reason;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: the paper stack's)")
    String bootstrap;

    @Option(names = "--run-dir", description = "default: ./run")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        KillSwitchPublisher.publish(KafkaTarget.resolve(bootstrap, runDir), scope, KillState.ENGAGED, reason);
        return 0;
    }

    @Command(name = "resume", description = "Release the kill switch for a scope on risk.kill.")
    static final class Resume implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "global", description = "global | wallet:<id> | market:<name>")
        String scope;

        @Option(names = "--reason", defaultValue = "released by operator")
        String reason;

        @Option(names = "--bootstrap")
        String bootstrap;

        @Option(names = "--run-dir")
        Path runDir;

        @Override
        public Integer call() throws Exception {
            KillSwitchPublisher.publish(KafkaTarget.resolve(bootstrap, runDir), scope, KillState.RELEASED, reason);
            return 0;
        }
    }
}
