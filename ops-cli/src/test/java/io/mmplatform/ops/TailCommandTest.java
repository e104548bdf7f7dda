package io.mmplatform.ops;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TailCommandTest {

    @Test
    void aRecordIsPrintedDecodedAndABadOneWithTheReason() {
        KillSwitch kill = new KillSwitch("global", KillState.ENGAGED, "test", "operator:alice", 1L);
        String good = TailCommand.format(new ConsumerRecord<>("risk.kill", 0, 7, "global", Codecs.KILL_SWITCH.encode(kill)),
                Codecs.KILL_SWITCH);
        assertTrue(good.contains("risk.kill[0@7] key=global KillSwitch[scope=global, state=ENGAGED"), good);

        String bad = TailCommand.format(new ConsumerRecord<>("risk.kill", 0, 8, "global", "{oops"), Codecs.KILL_SWITCH);
        assertTrue(bad.contains("UNDECODABLE (not JSON"), bad);

        ConsumerRecord<String, String> dead = new ConsumerRecord<>("exec.fills.dlq", 0, 1, "w1", "{oops");
        dead.headers().add("dead-letter-reason", "not JSON: oops".getBytes(StandardCharsets.UTF_8));
        String dlq = TailCommand.format(dead, null);
        assertTrue(dlq.contains("reason=not JSON: oops value={oops"), dlq);
    }
}
