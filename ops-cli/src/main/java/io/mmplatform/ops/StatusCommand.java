package io.mmplatform.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Each component with its URL and health, and the paper wallets.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--run-dir", description = "default: ./run")
    Path runDir;

    @Option(names = "--json", description = "print JSON (portfolioUrl, simulator.hyperliquidUrl, simulator.hermesUrl, wallets, components)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path dir = runDir != null ? runDir : MmCommand.root().resolve("run");
        Optional<StackState> found = StackState.read(dir.toAbsolutePath());
        if (found.isEmpty()) {
            if (json) {
                System.out.println("{\"running\":false,\"components\":[],\"wallets\":[]}");
            } else {
                System.out.println("the paper stack is not running (./mm up)");
            }
            return json ? 0 : 3;
        }
        StackState state = found.get();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("running", state.anyAlive());
        root.put("mode", "paper");
        root.put("kafka", state.bootstrap());
        root.put("portfolioUrl", state.url(StackComponent.PORTFOLIO));
        String simulator = state.url(StackComponent.VENUE_SIMULATOR);
        root.putObject("simulator").put("url", simulator).put("hyperliquidUrl", simulator).put("hermesUrl", simulator);
        ArrayNode wallets = root.putArray("wallets");
        state.wallets().forEach(w -> wallets.addObject().put("id", w.id()).put("address", w.address()));
        ArrayNode components = root.putArray("components");
        boolean allUp = true;
        for (StackComponent component : StackComponent.values()) {
            List<StackState.Running> replicas = state.replicas(component);
            if (replicas.isEmpty()) {
                components.addObject().put("name", component.module()).put("url", state.url(component))
                        .put("pid", 0L).put("health", "STOPPED");
                allUp = false;
                continue;
            }
            for (StackState.Running running : replicas) {
                ObjectNode node = components.addObject().put("name", running.name()).put("url", running.url());
                if (component == StackComponent.EXECUTION) {
                    node.put("replica", running.replica()).put("instanceId", running.instanceId());
                }
                String health = running.alive() ? PaperStack.health(running.url()) : "STOPPED";
                allUp &= health.equals("UP");
                node.put("pid", running.pid()).put("health", health);
            }
        }
        boolean brokerAlive = state.brokerPid() == null
                || ProcessHandle.of(state.brokerPid()).map(ProcessHandle::isAlive).orElse(false);
        root.put("healthy", allUp && brokerAlive);
        if (json) {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        System.out.printf("mode paper, kafka %s%s%n", state.bootstrap(), brokerAlive ? "" : " (broker DOWN)");
        for (var node : components) {
            System.out.printf("  %-20s %-28s %-11s pid %s%s%n", node.path("name").asText(), node.path("url").asText(),
                    node.path("health").asText(), node.path("pid").asText(),
                    node.has("instanceId") ? "  instance " + node.path("instanceId").asText() : "");
        }
        System.out.println("wallets (keys in " + state.walletsFile() + ", never printed):");
        state.wallets().forEach(w -> System.out.printf("  %-4s %s%n", w.id(), w.address()));
        System.out.println("positions: " + state.url(StackComponent.PORTFOLIO) + "/api/positions");
        return allUp && brokerAlive ? 0 : 1;
    }
}
