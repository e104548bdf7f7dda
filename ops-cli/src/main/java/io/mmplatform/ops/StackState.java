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

    /**
     * A started component: its process and base URL. Execution may run as several replicas (0, 1, ...), each with
     * its own instance id; every other component has only replica 0 and no instance id.
     */
    public record Running(StackComponent component, int replica, String instanceId, long pid, String url, Path log) {
        public Running {
            if (replica < 0 || (replica > 0 && component != StackComponent.EXECUTION)) {
                throw new IllegalArgumentException("only execution runs replicas: " + component + " #" + replica);
            }
        }

        public Running(StackComponent component, long pid, String url, Path log) {
            this(component, 0, null, pid, url, log);
        }

        /** The component's module, with the replica for execution replicas beyond the first (execution-service#1). */
        public String name() {
            return replica == 0 ? component.module() : component.module() + "#" + replica;
        }

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

    /** Replica 0 of the component (the only one, except for execution). */
    public Optional<Running> running(StackComponent component) {
        return components.stream().filter(r -> r.component() == component && r.replica() == 0).findFirst();
    }

    /** Every started replica of the component, in replica order. */
    public List<Running> replicas(StackComponent component) {
        return components.stream().filter(r -> r.component() == component)
                .sorted(java.util.Comparator.comparingInt(Running::replica)).toList();
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
            ObjectNode node = list.addObject().put("component", running.component().name())
                    .put("replica", running.replica());
            if (running.instanceId() != null) {
                node.put("instanceId", running.instanceId());
            }
            node.put("pid", running.pid()).put("url", running.url()).put("log", running.log().toString());
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
                JsonNode instanceId = node.path("instanceId");
                components.add(new Running(StackComponent.valueOf(node.path("component").asText()),
                        node.path("replica").asInt(0), instanceId.isTextual() ? instanceId.asText() : null,
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
