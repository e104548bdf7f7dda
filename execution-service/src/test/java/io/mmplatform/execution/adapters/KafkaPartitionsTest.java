package io.mmplatform.execution.adapters;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaPartitionsTest {
    @Test
    void aWalletLandsOnThePartitionTheProducerWritesItsKeyTo() {
        for (int partitions : new int[] {1, 3, 8, 32}) {
            for (int i = 0; i < 200; i++) {
                String wallet = "w" + i;
                assertEquals(BuiltInPartitioner.partitionForKey(wallet.getBytes(StandardCharsets.UTF_8), partitions),
                        KafkaPartitions.forKey(wallet, partitions), wallet + " of " + partitions);
            }
        }
        // fixed points the component test relies on (8 partitions of quote.intents)
        assertEquals(7, KafkaPartitions.forKey("w1", 8));
        assertEquals(2, KafkaPartitions.forKey("w2", 8));
    }
}
