package io.mmplatform.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKafkaBrokerTest {

    @Test
    void startsARealBrokerAndCreatesTheDefinedTopicsOnce(@TempDir Path dir) throws Exception {
        TopicDefinitions definitions = TopicDefinitions.packaged();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir, 0, Duration.ofSeconds(90))) {
            List<String> created = definitions.createMissing(broker.bootstrapServers());
            assertEquals(definitions.topics().size(), created.size());
            assertTrue(created.contains("risk.kill") && created.contains("risk.kill.dlq"), created.toString());
            assertEquals(List.of(), definitions.createMissing(broker.bootstrapServers()), "second run creates nothing");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicDescription intents = admin.describeTopics(List.of("quote.intents")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("quote.intents");
                assertEquals(8, intents.partitions().size());
                ConfigResource kill = new ConfigResource(ConfigResource.Type.TOPIC, "risk.kill");
                Config config = admin.describeConfigs(List.of(kill)).all().get(30, TimeUnit.SECONDS).get(kill);
                assertEquals("compact", config.get("cleanup.policy").value());
            }
        }
    }
}
