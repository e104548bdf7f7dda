package io.mmplatform.execution.adapters;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/** Kafka's default partitioner for a string key: {@code toPositive(murmur2(utf8 bytes)) % partitions}. */
public final class KafkaPartitions {
    public static int forKey(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private KafkaPartitions() {
    }
}
