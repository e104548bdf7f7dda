package io.mmplatform.ops;

import io.mmplatform.localkafka.TopicDefinitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "topics", description = "Create the platform's topics (and their .dlq) that are missing, from "
        + "deploy/kafka/topics.json: what ./mm up does locally and the Kubernetes topic job does in a cluster.")
final class TopicsCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS or the paper stack's)")
    String bootstrap;

    @Option(names = "--file", description = "a topics.json (default: the one packaged from deploy/kafka/topics.json)")
    Path file;

    @Option(names = "--replication-factor", defaultValue = "1")
    short replicationFactor;

    @Override
    public Integer call() {
        TopicDefinitions definitions = file != null ? TopicDefinitions.fromFile(file) : TopicDefinitions.packaged();
        String target = KafkaTarget.resolve(bootstrap, null);
        List<String> created = definitions.createMissing(target, replicationFactor);
        System.out.println(target + ": " + created.size() + " topics created " + created + ", "
                + (definitions.topics().size() - created.size()) + " already there");
        return 0;
    }
}
