package io.mmplatform.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper stack's execution replicas: ports, settings and their record in stack.json. */
class ExecutionReplicasTest {

    @Test
    void replicasBeyondTheFirstListenOnBasePlusTenPlusTheirIndex() {
        assertEquals(8903, PaperStack.port(StackComponent.EXECUTION, 8900, 0));
        assertEquals(8911, PaperStack.port(StackComponent.EXECUTION, 8900, 1));
        assertEquals(19912, PaperStack.port(StackComponent.EXECUTION, 19900, 2));
    }

    @Test
    void oneReplicaByDefaultAndABadCountIsRefused(@TempDir Path root) {
        PaperStack.Options options = PaperStack.Options.defaults(root);
        assertEquals(1, options.executionReplicas());
        assertEquals(3, options.withExecutionReplicas(3).withPorts(19900, 0).withDatabase("x").executionReplicas(),
                "every with* keeps the replica count");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> options.withExecutionReplicas(0));
        assertTrue(zero.getMessage().contains("execution replicas"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options.withExecutionReplicas(PaperStack.MAX_EXECUTION_REPLICAS + 1));
    }

    @Test
    void eachReplicaHasItsOwnIdentityAndStateButAllShareTheWallets(@TempDir Path dir) {
        StackState state = new StackState(dir, "127.0.0.1:9092", null, 8900, dir.resolve("wallets.json"), List.of(),
                new ArrayList<>());
        PaperStack.Options options = PaperStack.Options.defaults(dir).withExecutionReplicas(2);
        Map<String, String> first = ServiceSettings.forComponent(StackComponent.EXECUTION, 0, "http://sim", state, options);
        Map<String, String> second = ServiceSettings.forComponent(StackComponent.EXECUTION, 1, "http://sim", state, options);
        assertEquals(first.get("execution.wallets-file"), second.get("execution.wallets-file"));
        assertEquals(dir.resolve("wallets.json").toString(), second.get("execution.wallets-file"));
        Map<String, String> firstEnv = ServiceSettings.environmentFor(StackComponent.EXECUTION, 0, state);
        Map<String, String> secondEnv = ServiceSettings.environmentFor(StackComponent.EXECUTION, 1, state);
        assertEquals("execution-0", firstEnv.get("EXECUTION_INSTANCE_ID"));
        assertEquals("execution-1", secondEnv.get("EXECUTION_INSTANCE_ID"));
        assertEquals(dir.resolve("execution-state").toString(), secondEnv.get("EXECUTION_STATE_DIR"));
        assertEquals(firstEnv.get("EXECUTION_STATE_DIR"), secondEnv.get("EXECUTION_STATE_DIR"), "replicas share nonce marks");
        assertEquals(Map.of(), ServiceSettings.environmentFor(StackComponent.RISK, 0, state));
        Map<String, String> quoting = ServiceSettings.environmentFor(StackComponent.QUOTING, 0, state, dir);
        assertEquals(dir.resolve("deploy").resolve("bots").toString(), quoting.get("QUOTING_BOTS_DIR"));
        assertEquals(dir.resolve("quoting-state").toString(), quoting.get("QUOTING_STATE_DIR"));
    }

    @Test
    void stackJsonKeepsEveryReplica(@TempDir Path dir) {
        Path wallets = dir.resolve("wallets.json");
        StackState state = new StackState(dir, "127.0.0.1:9092", 4242L, 8900, wallets, PaperWallets.ensure(wallets, 2),
                new ArrayList<>());
        state.components().add(new StackState.Running(StackComponent.PORTFOLIO, 4243L, "http://127.0.0.1:8905",
                dir.resolve("logs/portfolio-service.log")));
        state.components().add(new StackState.Running(StackComponent.EXECUTION, 1, "execution-1", 4245L,
                "http://127.0.0.1:8911", dir.resolve("logs/execution-service-1.log")));
        state.components().add(new StackState.Running(StackComponent.EXECUTION, 0, "execution-0", 4244L,
                "http://127.0.0.1:8903", dir.resolve("logs/execution-service.log")));
        state.write();

        StackState read = StackState.read(dir).orElseThrow();
        assertEquals(state.components().stream().sorted(java.util.Comparator.comparingLong(StackState.Running::pid)).toList(),
                read.components().stream().sorted(java.util.Comparator.comparingLong(StackState.Running::pid)).toList());
        List<StackState.Running> replicas = read.replicas(StackComponent.EXECUTION);
        assertEquals(List.of(0, 1), replicas.stream().map(StackState.Running::replica).toList());
        assertEquals(List.of("execution-service", "execution-service#1"),
                replicas.stream().map(StackState.Running::name).toList());
        assertEquals("http://127.0.0.1:8903", read.url(StackComponent.EXECUTION), "replica 0 is the component's URL");
        assertEquals(null, read.running(StackComponent.PORTFOLIO).orElseThrow().instanceId());
    }

    @Test
    void onlyExecutionRunsReplicas() {
        assertThrows(IllegalArgumentException.class, () -> new StackState.Running(StackComponent.RISK, 1, null, 1L,
                "http://127.0.0.1:8911", Path.of("x.log")));
    }

    @Test
    void theStackRunsTheInjectiveMirrorAndPassesItsNewKeysAsEnvironmentVariables(@TempDir Path dir) {
        StackState state = new StackState(dir, "127.0.0.1:9092", null, 19900, dir.resolve("wallets.json"), List.of(),
                new ArrayList<>());
        PaperStack.Options options = PaperStack.Options.defaults(dir);
        Map<String, String> simulator = ServiceSettings.forComponent(StackComponent.VENUE_SIMULATOR, 0,
                "http://127.0.0.1:19900", state, options);
        assertEquals("true", simulator.get("simulator.injective.enabled"));
        // both Injective books start 20% off the reference, as Hyperliquid's INJ does
        assertEquals(simulator.get("simulator.market.INJ.resident.offset-pct"),
                simulator.get("simulator.injective.resident.offset-pct"));
        assertEquals("20", simulator.get("simulator.injective.resident.offset-pct"));
        Map<String, String> execution = ServiceSettings.environmentFor(StackComponent.EXECUTION, 0, state);
        assertEquals("true", execution.get("EXECUTION_INJECTIVE_ENABLED"));
        assertEquals("http://127.0.0.1:19900", execution.get("EXECUTION_INJECTIVE_LCD_URL"));
        assertEquals("injective-888", execution.get("EXECUTION_INJECTIVE_CHAIN_ID"));
        Map<String, String> priceFeed = ServiceSettings.environmentFor(StackComponent.PRICE_FEED, 0, state);
        assertEquals("true", priceFeed.get("PRICE_FEED_INJECTIVE_VENUE_ENABLED"));
        assertEquals("http://127.0.0.1:19900", priceFeed.get("PRICE_FEED_INJECTIVE_VENUE_LCD_URL"));
        for (StackComponent c : List.of(StackComponent.EXECUTION, StackComponent.PRICE_FEED)) {
            assertTrue(ServiceSettings.forComponent(c, 0, "http://127.0.0.1:19900", state, options).keySet().stream()
                    .noneMatch(k -> k.contains("injective")), c + ": no -D of a key its build may not know yet");
        }
    }
}
