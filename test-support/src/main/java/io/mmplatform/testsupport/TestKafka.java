package io.mmplatform.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Sends and reads plain string records on the test broker. */
public final class TestKafka {
    private static volatile String bootstrap;
    private static KafkaProducer<String, String> producer;

    /** The test broker's bootstrap servers, starting it on first use. */
    public static synchronized String bootstrap() {
        if (bootstrap == null) {
            bootstrap = KafkaBrokerResource.startOrFind();
        }
        return bootstrap;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Starts reading a topic from its current end; records sent after this call are collected. */
    public static RecordCollector collector(String topic) {
        return new RecordCollector(newConsumer(bootstrap(), false), topic, false);
    }

    /** Reads a topic from its beginning (compacted state topics such as risk.kill). */
    public static RecordCollector collectorFromBeginning(String topic) {
        return new RecordCollector(newConsumer(bootstrap(), true), topic, true);
    }

    static KafkaConsumer<String, String> newConsumer(String bootstrapServers, boolean earliest) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, earliest ? "earliest" : "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    ProducerConfig.LINGER_MS_CONFIG, "0",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }

    private TestKafka() {
    }
}
