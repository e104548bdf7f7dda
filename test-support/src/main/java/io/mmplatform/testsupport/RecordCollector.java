package io.mmplatform.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects the records of one topic in a background thread, for assertions in tests. */
public final class RecordCollector implements AutoCloseable {
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Collects a topic of any broker (the paper stack's, in the end-to-end test). */
    public static RecordCollector open(String bootstrap, String topic, boolean fromBeginning) {
        return new RecordCollector(TestKafka.newConsumer(bootstrap, fromBeginning), topic, fromBeginning);
    }

    RecordCollector(KafkaConsumer<String, String> consumer, String topic, boolean fromBeginning) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the start now, so records sent after this constructor count
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }
        }, "collector-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    public List<ConsumerRecord<String, String>> records() {
        return new ArrayList<>(records);
    }

    /** Waits until a record matches, or fails with what was seen. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : records) {
                if (match.test(record)) {
                    return record;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("no matching record within " + timeout + "; saw " + records.size() + " records"
                + (records.isEmpty() ? "" : ", last: " + records.get(records.size() - 1).value()));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
