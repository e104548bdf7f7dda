package io.mmplatform.common.kafka;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.ReferencePrice;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SupersededRecordPublisherTest {
    /** Nothing listens here: the client never gets metadata. */
    private static final Map<String, Object> NO_BROKER = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");

    @Test
    void theTradingPathSettingsOverrideTheServicesButKeepItsOthers() {
        Map<String, Object> settings = SupersededRecordPublisher.settings(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093", "security.protocol", "SASL_SSL",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"), "quoting-quote-intents");

        assertEquals("broker:9093", settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals(0, settings.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("1", settings.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(0, settings.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals("quoting-quote-intents", settings.get(ProducerConfig.CLIENT_ID_CONFIG));
    }

    @Test
    void aRecordTheClientCannotTakeIsDroppedAtOnceCountedAndReportedOnceForABurst() {
        List<String> reports = new ArrayList<>();
        try (SupersededRecordPublisher<ReferencePrice> publisher = new SupersededRecordPublisher<>(NO_BROKER, "test",
                "md.reference", Codecs.REFERENCE_PRICE,
                (topic, since, latest) -> reports.add(topic + " " + since + " " + latest.getClass().getSimpleName()))) {
            ReferencePrice btc = new ReferencePrice("BTC", "median", new BigDecimal("100.5"), BigDecimal.ZERO, 1L, 2L,
                    List.of("pyth"));
            for (int i = 0; i < 5; i++) {
                assertFalse(publisher.publish(btc)); // max.block.ms=0: refused, not waited for
            }
            assertEquals(5, publisher.lost());
            assertEquals(List.of("md.reference 1 TimeoutException"), reports);
        }
    }

    @Test
    void waitingForMetadataGivesUpAfterTheWait() throws InterruptedException {
        try (SupersededRecordPublisher<ReferencePrice> publisher = new SupersededRecordPublisher<>(NO_BROKER, "test",
                "md.reference", Codecs.REFERENCE_PRICE, SupersededRecordPublisher.Reporter.LOG)) {
            assertFalse(publisher.awaitMetadata(Duration.ofMillis(100)));
        }
    }
}
