package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What runs where: the content of run/stack.json. */
public record StackState(Path runDir, String bootstrap, Long brokerPid, int portBase, Path walletsFile,
                         List<PaperWallets.Wallet> wallets, List<Running> components) {

    /** A started component: its process and base URL. */
    public record Running(StackComponent component, long pid, String url, Path log) {
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && isOurs();
        }

        private boolean isOurs() {
            // a pid can be reused after a reboot: only act on a process that runs this component's jar
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                    .map(line -> line.contains(component.module())).orElse(true);
        }

        /** SIGTERM (graceful: execution cancels its orders), SIGKILL after the grace period. */
        public boolean stop(Duration grace) {
            if (!alive()) {
                return false;
            }
            ProcessHandle.of(pid).ifPresent(handle -> stopProcess(handle, grace));
            return true;
        }
    }

    static void stopProcess(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeout) {
            handle.destroyForcibly();
        }
    }

    public Optional<Running> running(StackComponent component) {
        return components.stream().filter(r -> r.component() == component).findFirst();
    }

    public String url(StackComponent component) {
        return running(component).map(Running::url)
                .orElse("http://127.0.0.1:" + component.port(portBase));
    }

    public boolean anyAlive() {
        boolean broker = brokerPid != null && ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false);
        return broker || components.stream().anyMatch(Running::alive);
    }

    public Path file() {
        return runDir.resolve("stack.json");
    }

    public void write() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("bootstrap", bootstrap);
        if (brokerPid != null) {
            root.put("brokerPid", brokerPid);
        } else {
            root.putNull("brokerPid");
        }
        root.put("portBase", portBase);
        root.put("walletsFile", walletsFile.toString());
        ArrayNode list = root.putArray("components");
        for (Running running : components) {
            list.addObject().put("component", running.component().name()).put("pid", running.pid())
                    .put("url", running.url()).put("log", running.log().toString());
        }
        try {
            Files.createDirectories(runDir);
            Files.writeString(file(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    /** After a stop: keep the file's history out of the way so the next up starts clean. */
    public void markStopped() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<StackState> read(Path runDir) {
        Path file = runDir.resolve("stack.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            List<Running> components = new ArrayList<>();
            for (JsonNode node : root.path("components")) {
                components.add(new Running(StackComponent.valueOf(node.path("component").asText()),
                        node.path("pid").asLong(), node.path("url").asText(), Path.of(node.path("log").asText())));
            }
            Path walletsFile = Path.of(root.path("walletsFile").asText());
            List<PaperWallets.Wallet> wallets = Files.exists(walletsFile) ? PaperWallets.read(walletsFile) : List.of();
            Long brokerPid = root.path("brokerPid").isNumber() ? root.path("brokerPid").asLong() : null;
            return Optional.of(new StackState(runDir, root.path("bootstrap").asText(), brokerPid,
                    root.path("portBase").asInt(PaperStack.DEFAULT_PORT_BASE), walletsFile, wallets, components));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
