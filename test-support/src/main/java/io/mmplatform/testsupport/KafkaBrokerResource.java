package io.mmplatform.testsupport;

import io.mmplatform.localkafka.LocalKafkaBroker;
import io.mmplatform.localkafka.TopicDefinitions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The one Kafka test resource: a real broker for {@code @QuarkusTest}s. Uses the broker at
 * {@code KAFKA_BOOTSTRAP_SERVERS} when set; otherwise starts a real Kafka 4.1.1 KRaft broker in its own process
 * (once per test JVM, stopped when the JVM exits). Topics come from deploy/kafka/topics.json either way.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestKafka.bootstrap());
    }

    @Override
    public void stop() {
        // the broker outlives a single Quarkus app: several test classes share it, and it dies with the JVM
    }

    static String startOrFind() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String bootstrap;
        if (external != null && !external.isBlank()) {
            LocalKafkaBroker.awaitReady(external, Duration.ofSeconds(30), null, null);
            bootstrap = external;
        } else {
            try {
                Path dir = Files.createTempDirectory("mm-test-kafka-");
                LocalKafkaBroker broker = LocalKafkaBroker.start(dir, 0, Duration.ofSeconds(90));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
                bootstrap = broker.bootstrapServers();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create a directory for the test broker", e);
            }
        }
        TopicDefinitions.packaged().createMissing(bootstrap);
        return bootstrap;
    }
}
