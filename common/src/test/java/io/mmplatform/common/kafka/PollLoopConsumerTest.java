package io.mmplatform.common.kafka;

import io.mmplatform.common.codec.Codecs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings and validation; the loop itself runs against a real broker in the quoting and execution tests. */
class PollLoopConsumerTest {
    private static final Map<String, Object> SERVICE = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093", "security.protocol", "SASL_SSL",
            ConsumerConfig.GROUP_ID_CONFIG, "execution-service", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");

    @Test
    void theConsumerKeepsTheServicesSettingsAndCommitsWhatWasHandled() {
        Map<String, Object> settings = PollLoopConsumer.settings(SERVICE, "execution-quote-intents");

        assertEquals("broker:9093", settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals("execution-service", settings.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("latest", settings.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals(true, settings.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("execution-quote-intents", settings.get(ConsumerConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void deadLettersAreSentWithTheConnectionSettingsOnlyAndWaitForEveryReplica() {
        Map<String, Object> settings = PollLoopConsumer.deadLetterSettings(SERVICE, "x-dlq");

        assertEquals("broker:9093", settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertFalse(settings.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
        assertFalse(settings.containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("all", settings.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("x-dlq", settings.get(ProducerConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void aBadOffsetResetNamesTheServicesSetting() {
        assertEquals("earliest", PollLoopConsumer.offsetReset(" earliest", "quoting.md-reference.auto-offset-reset"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PollLoopConsumer.offsetReset("newest", "quoting.md-reference.auto-offset-reset"));
        assertTrue(e.getMessage().startsWith("quoting.md-reference.auto-offset-reset: 'newest'"), e.getMessage());
    }

    @Test
    void invalidClientSettingsFailAtConstructionNamingTheTopic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PollLoopConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ConsumerConfig.GROUP_ID_CONFIG, "g",
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "soon"),
                "test", "md.reference", Codecs.REFERENCE_PRICE, (m, r) -> { }, PollLoopConsumer.Assignment.NONE));
        assertTrue(e.getMessage().contains("md.reference") && e.getMessage().contains("session.timeout.ms"),
                e.getMessage());
    }

    @Test
    void aLoopThatNeverStartedReportsStoppedAndClosesAtOnce() {
        PollLoopConsumer<?> loop = new PollLoopConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1", ConsumerConfig.GROUP_ID_CONFIG, "g"), "test", "md.reference", Codecs.REFERENCE_PRICE,
                (m, r) -> { }, PollLoopConsumer.Assignment.NONE);
        assertFalse(loop.status().healthy());
        assertEquals("stopped", loop.status().describe());
        loop.close();
    }
}
