package io.mmplatform.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Json;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The file format of {@code ./mm record} and {@code ./mm replay}: one JSON object per line,
 * {@code {"topic","partition","offset","timestampMs","key","value"}}, the value kept as the exact string the topic
 * carried. A file whose name ends in {@code .gz} is gzip-compressed (replay recognises gzip by its magic bytes).
 */
final class MarketDataRecording {

    /** One recorded record. {@code key} and {@code value} may be null (a tombstone, a record without key). */
    record Line(String topic, int partition, long offset, long timestampMs, String key, String value) {
    }

    /** A line of the file that is not a recorded record. */
    static final class MalformedLineException extends Exception {
        MalformedLineException(String message) {
            super(message);
        }
    }

    /** Time-carrying fields shifted by {@code --rewrite-times}: these names, and any name ending in TimeMs/TimeNanos. */
    static final Set<String> TIME_FIELDS = Set.of("receiveTimeNanos", "publishTimeMs", "venueTimeMs");

    /** Every market-data topic of the platform: the topics of {@link Topics#ALL} whose name starts with "md.". */
    static List<String> marketDataTopics() {
        return Topics.ALL.stream().filter(t -> t.startsWith("md.")).toList();
    }

    static String encode(Line line) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("topic", line.topic());
        node.put("partition", line.partition());
        node.put("offset", line.offset());
        node.put("timestampMs", line.timestampMs());
        node.put("key", line.key());
        node.put("value", line.value());
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a recorded record", e);
        }
    }

    static Line decode(String text) throws MalformedLineException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedLineException("not a JSON object");
        }
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual() || topic.asText().isBlank()) {
            throw new MalformedLineException("no \"topic\"");
        }
        JsonNode timestamp = node.get("timestampMs");
        if (timestamp == null || !timestamp.isIntegralNumber()) {
            throw new MalformedLineException("no integral \"timestampMs\"");
        }
        if (!node.has("value")) {
            throw new MalformedLineException("no \"value\"");
        }
        return new Line(topic.asText(), node.path("partition").asInt(-1), node.path("offset").asLong(-1),
                timestamp.asLong(), text(node, "key"), text(node, "value"));
    }

    private static String text(JsonNode node, String field) throws MalformedLineException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedLineException("\"" + field + "\" is not a string");
        }
        return value.asText();
    }

    static boolean isTimeField(String name) {
        return TIME_FIELDS.contains(name) || name.endsWith("TimeMs") || name.endsWith("TimeNanos");
    }

    /**
     * Shifts every time field of a JSON value (at any depth) by {@code shiftMs}: fields in milliseconds by
     * {@code shiftMs}, fields in nanoseconds by {@code shiftMs * 1e6}. A value that is not a JSON object, or has no
     * time field, comes back unchanged (the exact string).
     */
    static String shiftTimes(String value, long shiftMs) {
        if (value == null || shiftMs == 0) {
            return value;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return value;
        }
        if (root == null || !root.isContainerNode() || !shift(root, shiftMs)) {
            return value;
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return value;
        }
    }

    private static boolean shift(JsonNode node, long shiftMs) {
        boolean changed = false;
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode child = field.getValue();
                if (child.isIntegralNumber() && isTimeField(field.getKey())) {
                    long by = field.getKey().endsWith("Nanos") ? Math.multiplyExact(shiftMs, 1_000_000L) : shiftMs;
                    object.put(field.getKey(), child.asLong() + by);
                    changed = true;
                } else if (child.isContainerNode()) {
                    changed |= shift(child, shiftMs);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                changed |= shift(child, shiftMs);
            }
        }
        return changed;
    }

    static BufferedWriter openWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 64 * 1024, true); // syncFlush: every flush() reaches the file
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    static BufferedReader openReader(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private MarketDataRecording() {
    }
}
