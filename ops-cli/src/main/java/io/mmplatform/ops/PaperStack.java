package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.localkafka.LocalKafkaBroker;
import io.mmplatform.localkafka.TopicDefinitions;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts and stops the paper stack on this machine: a real Kafka broker (unless one is given), the venue simulator
 * and the five services, each its own JVM, all in paper mode. State lives in the run directory: stack.json (what
 * runs where), wallets.json (keys, owner-only), kafka/ (broker data) and logs/.
 */
public final class PaperStack {
    public static final int DEFAULT_PORT_BASE = 8900;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_DATABASE = "mm_portfolio";

    /** Execution replicas beyond the first listen on portBase + 10 + replica. */
    public static final int REPLICA_PORT_OFFSET = 10;
    /** At most this many execution replicas (ports base+11..base+19; quote.intents has 8 partitions). */
    public static final int MAX_EXECUTION_REPLICAS = 9;

    /** How to start the stack. */
    public record Options(Path root, Path runDir, int portBase, String externalKafka, int kafkaPort, String database,
                          int walletCount, long seed, Map<String, String> extraProperties, int executionReplicas) {
        public Options {
            if (executionReplicas < 1 || executionReplicas > MAX_EXECUTION_REPLICAS) {
                throw new IllegalArgumentException("execution replicas must be 1.." + MAX_EXECUTION_REPLICAS
                        + ", got " + executionReplicas);
            }
        }

        public static Options defaults(Path root) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            return new Options(root, root.resolve("run"), DEFAULT_PORT_BASE,
                    external == null || external.isBlank() ? null : external,
                    DEFAULT_KAFKA_PORT, DEFAULT_DATABASE, 2, 42L, Map.of(), 1);
        }

        public Options withRunDir(Path dir) {
            return new Options(root, dir, portBase, externalKafka, kafkaPort, database, walletCount, seed, extraProperties,
                    executionReplicas);
        }

        public Options withPorts(int base, int kafka) {
            return new Options(root, runDir, base, externalKafka, kafka, database, walletCount, seed, extraProperties,
                    executionReplicas);
        }

        public Options withDatabase(String name) {
            return new Options(root, runDir, portBase, externalKafka, kafkaPort, name, walletCount, seed, extraProperties,
                    executionReplicas);
        }

        /** Extra -D settings for one component: keys are {@code <module>:<key>}. */
        public Options withExtraProperties(Map<String, String> properties) {
            return new Options(root, runDir, portBase, externalKafka, kafkaPort, database, walletCount, seed, properties,
                    executionReplicas);
        }

        public Options withExecutionReplicas(int replicas) {
            return new Options(root, runDir, portBase, externalKafka, kafkaPort, database, walletCount, seed,
                    extraProperties, replicas);
        }
    }

    /** The HTTP port of a component's replica: replica 0 on its usual port, replica i>0 of execution on base+10+i. */
    public static int port(StackComponent component, int portBase, int replica) {
        return replica == 0 ? component.port(portBase) : portBase + REPLICA_PORT_OFFSET + replica;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PrintStream out;

    public PaperStack(PrintStream out) {
        this.out = out;
    }

    /** Starts whatever is not running and returns once every component reports ready. */
    public StackState up(Options options) {
        Path runDir = options.runDir().toAbsolutePath();
        StackState previous = StackState.read(runDir).orElse(null);
        if (previous != null && previous.anyAlive()) {
            throw new IllegalStateException("the paper stack already runs from " + runDir + " (./mm status; ./mm down first)");
        }
        ensureBuilt(options.root());
        try {
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path walletsFile = runDir.resolve("wallets.json");
        List<PaperWallets.Wallet> wallets = PaperWallets.ensure(walletsFile, options.walletCount());
        // a paper session starts fresh: the simulator keeps its book and accounts in memory, so the portfolio's
        // database and the broker's data (fills, positions, kill states) start empty too; wallet keys are kept
        Database.recreate(options.database(), out);

        String bootstrap;
        Long brokerPid = null;
        if (options.externalKafka() != null) {
            bootstrap = options.externalKafka();
            out.println("kafka        using " + bootstrap + " (KAFKA_BOOTSTRAP_SERVERS)");
            LocalKafkaBroker.awaitReady(bootstrap, Duration.ofSeconds(30), null, null);
        } else {
            deleteTree(runDir.resolve("kafka"));
            LocalKafkaBroker broker = LocalKafkaBroker.start(runDir.resolve("kafka"), options.kafkaPort(), Duration.ofSeconds(90));
            bootstrap = broker.bootstrapServers();
            brokerPid = broker.pid();
            out.println("kafka        started " + bootstrap + " (pid " + brokerPid + ", KRaft, data in " + runDir.resolve("kafka") + ")");
        }
        List<String> created = TopicDefinitions.packaged().createMissing(bootstrap);
        if (!created.isEmpty()) {
            out.println("topics       created " + created.size() + " from deploy/kafka/topics.json");
        }

        StackState state = new StackState(runDir, bootstrap, brokerPid, options.portBase(), walletsFile, wallets, new ArrayList<>());
        state.write();
        String simulatorUrl = "http://127.0.0.1:" + StackComponent.VENUE_SIMULATOR.port(options.portBase());
        awaitHealthy(state, List.of(startComponent(options, state, StackComponent.VENUE_SIMULATOR, 0, bootstrap,
                simulatorUrl)), Duration.ofSeconds(120));
        List<StackComponent> services = List.of(StackComponent.PORTFOLIO, StackComponent.RISK,
                StackComponent.PRICE_FEED, StackComponent.EXECUTION, StackComponent.QUOTING);
        List<StackState.Running> started = new ArrayList<>();
        for (StackComponent component : services) {
            int replicas = component == StackComponent.EXECUTION ? options.executionReplicas() : 1;
            for (int replica = 0; replica < replicas; replica++) {
                started.add(startComponent(options, state, component, replica, bootstrap, simulatorUrl));
            }
        }
        awaitHealthy(state, started, Duration.ofSeconds(180));
        out.println("paper stack up: " + wallets.size() + " wallets, portfolio at " + state.url(StackComponent.PORTFOLIO)
                + "/api/positions");
        return state;
    }

    /** Starts one replica of a component (replica 0 for all but execution) and records it in stack.json. */
    private StackState.Running startComponent(Options options, StackState state, StackComponent component, int replica,
                                              String bootstrap, String simulatorUrl) {
        int port = port(component, options.portBase(), replica);
        Path jar = options.root().resolve(component.module()).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("kafka.bootstrap.servers", bootstrap);
        properties.putAll(ServiceSettings.forComponent(component, replica, simulatorUrl, state, options));
        options.extraProperties().forEach((key, value) -> {
            if (key.startsWith(component.module() + ":")) {
                properties.put(key.substring(component.module().length() + 1), value);
            }
        });
        List<String> priority = cpuPriorityPrefix(component, offPathNice(System.getenv(OFF_PATH_NICE_ENV)),
                niceCommand());
        List<String> command = new ArrayList<>(priority);
        command.add(javaBinary());
        // first, so that a reader of a long command line (many -D settings) still finds whose process this is
        command.add("-Dmm.component=" + component.module());
        command.addAll(serviceJvmOptions(System.getenv("MM_SERVICE_JVM_OPTS")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        String name = replica == 0 ? component.module() : component.module() + "-" + replica;
        Path log = state.runDir().resolve("logs").resolve(name + ".log");
        String instanceId = component == StackComponent.EXECUTION ? ServiceSettings.executionInstanceId(replica) : null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(ServiceSettings.environmentFor(component, replica, state, options.root()));
            Process process = builder
                    .directory(state.runDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            StackState.Running running = new StackState.Running(component, replica, instanceId, process.pid(),
                    "http://127.0.0.1:" + port, log);
            state.components().add(running);
            state.write();
            out.printf("%-20s starting on port %d (pid %d%s, log %s)%n", running.name(), port, process.pid(),
                    priority.isEmpty() ? "" : ", nice " + priority.get(2) + " (off the trading path)", log);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + component.module(), e);
        }
    }

    private void awaitHealthy(StackState state, List<StackState.Running> components, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StackState.Running> waiting = new ArrayList<>(components);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                StackState.Running running = it.next();
                if (!running.alive()) {
                    throw new IllegalStateException(running.name() + " exited during start-up; see " + running.log()
                            + "\n" + tail(running.log(), 25));
                }
                if (health(running.url()).equals("UP")) {
                    out.printf("%-20s ready at %s%n", running.name(), running.url());
                    it.remove();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within " + timeout + ": "
                        + waiting.stream().map(StackState.Running::name).toList()
                        + waiting.stream().map(r -> "\n" + tail(r.log(), 15)).toList());
            }
            sleep(500);
        }
    }

    /** Stops every component of the stack in the run directory, the services first and the broker last. */
    public void down(Path runDir) {
        Optional<StackState> found = StackState.read(runDir.toAbsolutePath());
        if (found.isEmpty()) {
            out.println("nothing runs from " + runDir);
            return;
        }
        StackState state = found.get();
        List<StackComponent> order = List.of(StackComponent.QUOTING, StackComponent.EXECUTION, StackComponent.PRICE_FEED,
                StackComponent.RISK, StackComponent.PORTFOLIO, StackComponent.VENUE_SIMULATOR);
        for (StackComponent component : order) {
            // replicas stop together: one by one, each would hand its wallets to the next just to be stopped
            List<StackState.Running> alive = state.replicas(component).stream().filter(StackState.Running::alive).toList();
            alive.forEach(running -> ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroy));
            for (StackState.Running running : alive) {
                ProcessHandle.of(running.pid()).ifPresent(handle -> StackState.stopProcess(handle, Duration.ofSeconds(30)));
                out.printf("%-20s stopped%n", running.name());
            }
        }
        if (state.brokerPid() != null) {
            ProcessHandle.of(state.brokerPid()).ifPresent(broker -> {
                StackState.stopProcess(broker, Duration.ofSeconds(30));
                out.printf("%-20s stopped%n", "kafka");
            });
        }
        state.markStopped();
    }

    /** "UP", "DOWN" or "UNREACHABLE", from the component's readiness endpoint. */
    public static String health(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.MAPPER.readTree(response.body());
            return body.path("status").asText("DOWN");
        } catch (IOException e) {
            return "UNREACHABLE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNREACHABLE";
        }
    }

    /** Builds the project if any component's packaged app is missing. */
    static void ensureBuilt(Path root) {
        List<String> missing = new ArrayList<>();
        for (StackComponent component : StackComponent.values()) {
            if (!Files.exists(root.resolve(component.module()).resolve("target/quarkus-app/quarkus-run.jar"))) {
                missing.add(component.module());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        System.out.println("building " + missing + " (./mvnw install -DskipTests) ...");
        try {
            Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "install", "-DskipTests")
                    .directory(root.toFile()).inheritIO().start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("the build failed; run ./mvnw install -DskipTests to see why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /**
     * The JVM settings of every service: a small heap with the serial collector (one core's worth of services per
     * core here, so no parallel GC threads), capped metaspace, code cache and thread stacks. {@code MM_SERVICE_JVM_OPTS}
     * (space-separated) replaces them, for measuring other settings with {@code ./mm bench pipeline}.
     */
    public static List<String> serviceJvmOptions(String override) {
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        return SERVICE_JVM_OPTIONS;
    }

    /** How much lower the CPU priority of the components off the trading path is: a nice value, 0-19. */
    static final int OFF_PATH_NICE = 10;
    public static final String OFF_PATH_NICE_ENV = "MM_OFF_PATH_NICE";
    /** The nice command, where the system has one (Linux, macOS). */
    static Optional<Path> niceCommand() {
        return Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * The nice value of the components off the trading path (risk, portfolio): {@value #OFF_PATH_NICE} unless
     * {@code MM_OFF_PATH_NICE} says otherwise (0: the same priority as the rest).
     *
     * @throws IllegalArgumentException naming the variable when its value is not a whole number from 0 to 19
     */
    public static int offPathNice(String override) {
        if (override == null || override.isBlank()) {
            return OFF_PATH_NICE;
        }
        try {
            int n = Integer.parseInt(override.strip());
            if (n >= 0 && n <= 19) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(OFF_PATH_NICE_ENV + " must be a whole number from 0 to 19, got '"
                + override + "'");
    }

    /**
     * What goes before the java command: {@code nice -n N} for a component off the trading path (ADR 0016), nothing
     * for the others, when N is 0, or where there is no nice command.
     */
    static List<String> cpuPriorityPrefix(StackComponent component, int nice, Optional<Path> niceCommand) {
        if (component.tradingPath() || nice == 0 || niceCommand.isEmpty()) {
            return List.of();
        }
        return List.of(niceCommand.get().toString(), "-n", Integer.toString(nice));
    }

    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }
}
