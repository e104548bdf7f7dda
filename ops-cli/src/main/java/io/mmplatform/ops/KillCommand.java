package io.mmplatform.ops;

import io.mmplatform.common.messages.KillState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "kill", description = "Engage the kill switch on risk.kill: execution cancels every order in scope "
        + "and sends nothing in scope until ./mm resume; quoting stops.")
final class KillCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "global", description = "global | wallet:<id> | market:<name> (default global)")
    String scope;

    @Option(names = "--reason", required = true, description = "why; kept on the compacted topic for everyone to read")
    String reason;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() throws Exception {
        KillSwitchPublisher.publish(kafka.resolve(), scope, KillState.ENGAGED, reason);
        return 0;
    }

    @Command(name = "resume", description = "Release the kill switch for a scope on risk.kill.")
    static final class Resume implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "global", description = "global | wallet:<id> | market:<name>")
        String scope;

        @Option(names = "--reason", defaultValue = "released by operator")
        String reason;

        @Mixin
        KafkaTarget kafka;

        @Override
        public Integer call() throws Exception {
            KillSwitchPublisher.publish(kafka.resolve(), scope, KillState.RELEASED, reason);
            return 0;
        }
    }
}
