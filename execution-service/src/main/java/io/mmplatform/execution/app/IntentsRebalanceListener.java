package io.mmplatform.execution.app;

import io.mmplatform.common.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;

/**
 * The quote-intents consumer's rebalance listener (mp.messaging.incoming.quote-intents.consumer-rebalance-listener.name):
 * tells the service which partitions, hence which wallets, this instance owns. Runs on the consumer's polling thread,
 * before any record of a newly assigned partition is delivered.
 */
@ApplicationScoped
@Identifier(IntentsRebalanceListener.NAME)
public class IntentsRebalanceListener implements KafkaConsumerRebalanceListener {
    static final String NAME = "execution-intents-rebalance";

    @Inject
    ExecutionService service;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> mine = partitionsOfIntents(partitions);
        int count = consumer.partitionsFor(Topics.QUOTE_INTENTS).size();
        service.onAssigned(mine, count);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        service.onRevoked(partitionsOfIntents(partitions));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        service.onRevoked(partitionsOfIntents(partitions));
    }

    private static List<Integer> partitionsOfIntents(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(Topics.QUOTE_INTENTS))
                .map(TopicPartition::partition).toList();
    }
}
