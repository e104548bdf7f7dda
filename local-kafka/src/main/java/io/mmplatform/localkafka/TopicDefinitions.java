package io.mmplatform.localkafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The platform's topics as defined once in deploy/kafka/topics.json (packaged into this jar), with a dead-letter
 * topic beside each. Creating them is idempotent.
 */
public final class TopicDefinitions {
    public static final String RESOURCE = "/local-kafka/topics.json";

    /** One topic: name, partition count and topic-level configs (cleanup.policy, retention.ms ...). */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {
    }

    private final List<TopicSpec> topics;

    private TopicDefinitions(List<TopicSpec> topics) {
        this.topics = List.copyOf(topics);
    }

    public static TopicDefinitions packaged() {
        try (InputStream in = TopicDefinitions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("topic definitions " + RESOURCE + " missing from the local-kafka jar");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static TopicDefinitions fromFile(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read topic definitions " + file + ": " + e.getMessage(), e);
        }
    }

    static TopicDefinitions parse(JsonNode root) {
        JsonNode deadLetter = root.path("deadLetter");
        List<TopicSpec> specs = new ArrayList<>();
        for (JsonNode topic : root.path("topics")) {
            String name = topic.path("name").asText();
            if (name.isBlank()) {
                throw new IllegalStateException("topic definition without a name: " + topic);
            }
            specs.add(new TopicSpec(name, topic.path("partitions").asInt(1), configOf(topic.path("config"))));
            if (!deadLetter.isMissingNode()) {
                specs.add(new TopicSpec(name + ".dlq", deadLetter.path("partitions").asInt(1),
                        configOf(deadLetter.path("config"))));
            }
        }
        return new TopicDefinitions(specs);
    }

    private static Map<String, String> configOf(JsonNode node) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            config.put(entry.getKey(), entry.getValue().asText());
        }
        return config;
    }

    public List<TopicSpec> topics() {
        return topics;
    }

    /** Creates the missing topics on a single-node broker (replication factor 1). */
    public List<String> createMissing(String bootstrapServers) {
        return createMissing(bootstrapServers, (short) 1);
    }

    /** Creates every topic that does not exist yet; existing ones are left as they are. Returns the names created. */
    public List<String> createMissing(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.config()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
