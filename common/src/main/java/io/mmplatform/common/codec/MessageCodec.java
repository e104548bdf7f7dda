package io.mmplatform.common.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one message type as versioned JSON: {@code {"type":"...","v":1, ...fields}}. Decoding checks the type
 * and version and the record's own field rules; anything wrong becomes a {@link DecodeException} with the reason.
 */
public final class MessageCodec<T> {
    public static final String TYPE_FIELD = "type";
    public static final String VERSION_FIELD = "v";

    private final Class<T> messageClass;
    private final String type;
    private final int version;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    MessageCodec(Class<T> messageClass, String type, int version, ObjectMapper mapper) {
        this.messageClass = messageClass;
        this.type = type;
        this.version = version;
        this.reader = mapper.readerFor(messageClass);
        this.writer = mapper.writerFor(messageClass);
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    public Class<T> messageClass() {
        return messageClass;
    }

    public String encode(T message) {
        try {
            String body = writer.writeValueAsString(message);
            // the envelope goes first so that a human reading a console consumer sees what a record is at once
            return "{\"" + TYPE_FIELD + "\":\"" + type + "\",\"" + VERSION_FIELD + "\":" + version
                    + (body.length() > 2 ? "," + body.substring(1) : "}");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    public byte[] encodeBytes(T message) {
        return encode(message).getBytes(StandardCharsets.UTF_8);
    }

    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new DecodeException("empty record (null value) where a " + type + " was expected");
        }
        return decode(new String(bytes, StandardCharsets.UTF_8));
    }

    public T decode(String text) {
        if (text == null || text.isBlank()) {
            throw new DecodeException("empty record where a " + type + " was expected");
        }
        T streamed = decodeEnvelopeFirst(text);
        return streamed != null ? streamed : decodeTree(text);
    }

    /**
     * The hot path: a record as {@link #encode} writes it (type and version first) is checked and bound in one pass
     * over the text, without building a tree first. Null when the envelope is not the first two fields (a record
     * written by hand, say): {@link #decodeTree} reads those.
     */
    private T decodeEnvelopeFirst(String text) {
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT || !nextFieldIs(p, TYPE_FIELD)
                    || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String recordType = p.getText();
            if (!type.equals(recordType)) {
                throw new DecodeException("expected type '" + type + "', got '" + recordType + "'");
            }
            if (!nextFieldIs(p, VERSION_FIELD) || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() != JsonParser.NumberType.INT) {
                return null;
            }
            checkVersion(p.getIntValue(), p.getText());
            p.nextToken(); // the body's first field (or the end): the reader binds from there
            return reader.readValue(p);
        } catch (StreamReadException e) {
            throw new DecodeException("not JSON: " + e.getOriginalMessage(), e);
        } catch (DecodeException e) {
            throw e;
        } catch (Exception e) {
            throw new DecodeException("invalid " + type + ": " + rootMessage(e), e);
        }
    }

    private static boolean nextFieldIs(JsonParser p, String name) throws IOException {
        return p.nextToken() == JsonToken.FIELD_NAME && name.equals(p.currentName());
    }

    private void checkVersion(int v, String asWritten) {
        if (v > version || v < 1) {
            throw new DecodeException("unsupported " + type + " version " + asWritten + " (this build reads 1.."
                    + version + ")");
        }
    }

    private T decodeTree(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DecodeException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DecodeException("not a JSON object where a " + type + " was expected");
        }
        JsonNode typeNode = object.get(TYPE_FIELD);
        if (typeNode == null || !type.equals(typeNode.asText())) {
            throw new DecodeException("expected type '" + type + "', got "
                    + (typeNode == null ? "no type field" : "'" + typeNode.asText() + "'"));
        }
        JsonNode versionNode = object.get(VERSION_FIELD);
        if (versionNode == null || !versionNode.canConvertToInt()) {
            throw new DecodeException("unsupported " + type + " version " + versionNode + " (this build reads 1.."
                    + version + ")");
        }
        checkVersion(versionNode.asInt(), versionNode.toString());
        try {
            return reader.readValue(object);
        } catch (Exception e) {
            throw new DecodeException("invalid " + type + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
