package io.mmplatform.ops;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes an operator's kill or release to the compacted risk.kill topic and waits for the broker's ack. */
public final class KillSwitchPublisher {

    public static KillSwitch publish(String bootstrap, String scope, KillState state, String reason) throws Exception {
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
        return kill;
    }

    private KillSwitchPublisher() {
    }
}
