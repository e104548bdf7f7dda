package io.mmplatform.quoting.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.quoting.domain.BotDefinition;
import io.mmplatform.quoting.domain.BotStore;
import io.mmplatform.quoting.domain.BotSummary;
import io.mmplatform.quoting.domain.InvalidDefinitionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state directory: {@code bots/<id>.json} for every bot created through the API, and {@code bots-state.json}
 * (which bots run, their summaries). Every file is written to a temporary file and moved into place.
 */
public final class FileBotStore implements BotStore {
    public static final String STATE_FILE = "bots-state.json";

    private final Path dir;
    private final Path botsDir;

    public FileBotStore(Path dir) {
        this.dir = dir;
        this.botsDir = dir.resolve("bots");
        try {
            Files.createDirectories(botsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the quoting state directory " + botsDir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Reads every {@code *.json} file of a directory as a bot definition, in file name order; a bad file fails
     * naming the file and the field.
     */
    public static List<BotDefinition> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("bots directory " + directory + " does not exist");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bots directory " + directory, e);
        }
        files.sort(null);
        List<BotDefinition> out = new ArrayList<>();
        for (Path file : files) {
            out.add(readFile(file));
        }
        return out;
    }

    /** One definition file; the failure names the file and the field. */
    public static BotDefinition readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bot definition " + file, e);
        }
        try {
            return BotDefinitionJson.parse(text);
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionException(e.field(), e.getMessage().substring(e.field().length()).trim()
                    + " (in " + file + ")");
        }
    }

    @Override
    public List<BotDefinition> loadDefinitions() {
        return readDirectory(botsDir);
    }

    @Override
    public void saveDefinition(BotDefinition definition) {
        write(botsDir.resolve(definition.id() + ".json"), BotDefinitionJson.write(definition));
    }

    @Override
    public void deleteDefinition(String id) {
        try {
            Files.deleteIfExists(botsDir.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the definition of bot " + id, e);
        }
    }

    @Override
    public State loadState() {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return new State(Map.of(), Map.of(), Map.of());
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            Map<String, Boolean> running = new LinkedHashMap<>();
            Map<String, BotSummary.Snapshot> summaries = new LinkedHashMap<>();
            Map<String, Map<String, String>> snapshots = new LinkedHashMap<>();
            for (var it = root.path("bots").fields(); it.hasNext(); ) {
                var e = it.next();
                Map<String, String> markets = new LinkedHashMap<>();
                e.getValue().path("strategyState").fields().forEachRemaining(m -> markets.put(m.getKey(), m.getValue().asText()));
                if (!markets.isEmpty()) {
                    snapshots.put(e.getKey(), markets);
                }
                running.put(e.getKey(), e.getValue().path("running").asBoolean(false));
                JsonNode s = e.getValue().get("summary");
                if (s != null && !s.isNull()) {
                    summaries.put(e.getKey(), Json.MAPPER.treeToValue(s, BotSummary.Snapshot.class));
                }
            }
            return new State(running, summaries, snapshots);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the quoting state " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveState(State state) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", 1);
        ObjectNode bots = root.putObject("bots");
        state.running().forEach((id, running) -> bots.putObject(id).put("running", running));
        state.summaries().forEach((id, summary) -> {
            ObjectNode bot = bots.has(id) ? (ObjectNode) bots.get(id) : bots.putObject(id);
            bot.set("summary", Json.MAPPER.valueToTree(summary));
        });
        state.snapshots().forEach((id, markets) -> {
            ObjectNode bot = bots.has(id) ? (ObjectNode) bots.get(id) : bots.putObject(id);
            ObjectNode node = bot.putObject("strategyState");
            markets.forEach(node::put);
        });
        try {
            write(dir.resolve(STATE_FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quoting state", e);
        }
    }

    private static void write(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}
