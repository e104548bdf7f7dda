package io.mmplatform.ops;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
        publish(KafkaTarget.resolve(bootstrap, runDir), scope, KillState.ENGAGED, reason);
        return 0;
    }

    static void publish(String bootstrap, String scope, KillState state, String reason) throws Exception {
        KillSwitch kill = new KillSwitch(scope, state, reason, "operator:" + System.getProperty("user.name"),
                System.currentTimeMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.RISK_KILL, kill.key(), Codecs.KILL_SWITCH.encode(kill)))
                    .get(15, TimeUnit.SECONDS);
        }
        System.out.println(Topics.RISK_KILL + " <- " + kill.scope() + " " + kill.state()
                + (reason == null ? "" : " (" + reason + ")"));
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
            publish(KafkaTarget.resolve(bootstrap, runDir), scope, KillState.RELEASED, reason);
            return 0;
        }
    }
}
