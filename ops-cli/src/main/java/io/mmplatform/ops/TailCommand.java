package io.mmplatform.ops;

import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.DecodeException;
import io.mmplatform.common.codec.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tail", description = "Print a topic's records, decoded, as they arrive (dead-letter topics with their reason).")
final class TailCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a topic: md.reference, md.venue-book, quote.intents, exec.orders, exec.fills, "
            + "portfolio.positions, risk.kill, or any <topic>.dlq")
    String topic;

    @Option(names = "--from-beginning", description = "start at the oldest record kept")
    boolean fromBeginning;

    @Option(names = {"-n", "--max"}, defaultValue = "0", description = "stop after N records (0 = never)")
    long max;

    @Mixin
    KafkaTarget kafka;

    @Override
    public Integer call() {
        boolean deadLetter = topic.endsWith(Topics.DLQ_SUFFIX);
        MessageCodec<?> codec = deadLetter ? null
                : Codecs.forTopic(topic);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.resolve(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long printed = 0;
            while (max == 0 || printed < max) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    System.out.println(format(record, codec));
                    if (max > 0 && ++printed >= max) {
                        break;
                    }
                }
            }
        }
        return 0;
    }

    static String format(ConsumerRecord<String, String> record, MessageCodec<?> codec) {
        String time = Instant.ofEpochMilli(record.timestamp()).toString();
        String head = time + " " + record.topic() + "[" + record.partition() + "@" + record.offset() + "] key=" + record.key();
        if (codec == null) {
            Header reason = record.headers().lastHeader("dead-letter-reason");
            return head + " reason=" + (reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8))
                    + " value=" + record.value();
        }
        try {
            return head + " " + codec.decode(record.value());
        } catch (DecodeException e) {
            return head + " UNDECODABLE (" + e.getMessage() + "): " + record.value();
        }
    }
}
