package io.mmplatform.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4 broker (KRaft, combined broker and controller, one node) in its own JVM, started from the Maven
 * artifacts recorded at build time. No Docker, no download at run time. Used by {@code ./mm up} and by tests.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/local-kafka/broker.classpath";

    /** Warnings and the broker's start and stop lines; Kafka's INFO chatter would drown the log. */
    private static final String LOG_CONFIG = String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = OUT",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{ISO8601} %p [%c{1}] %m%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = OUT",
            "logger.server.name = kafka.server.KafkaRaftServer",
            "logger.server.level = info",
            "");

    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;

    private LocalKafkaBroker(Process process, String bootstrapServers, Path logFile) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
    }

    /**
     * Formats {@code dataDir} if it is new and starts the broker; returns once it answers.
     *
     * @param port the client port, or 0 for a free one
     */
    public static LocalKafkaBroker start(Path dataDir, int port, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Path properties = dataDir.resolve("server.properties");
            Path logDir = dataDir.resolve("data");
            Files.writeString(properties, serverProperties(clientPort, controllerPort, logDir));
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG_CONFIG);
            String classpath = brokerClasspath();
            Path logFile = dataDir.resolve("broker.log");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(classpath, properties, logFile);
            }
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Dkafka.logs.dir=" + dataDir.resolve("logs"),
                    "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", classpath, "kafka.Kafka", properties.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            LocalKafkaBroker broker = new LocalKafkaBroker(process, "127.0.0.1:" + clientPort, logFile);
            broker.awaitReady(timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Kafka broker in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 15 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the broker accepts connections and reports a cluster, or fails with its log's tail. */
    public static void awaitReady(String bootstrapServers, Duration timeout, Process processOrNull, Path logOrNull) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] hostPort = bootstrapServers.split(",")[0].split(":");
        while (System.nanoTime() < deadline) {
            if (processOrNull != null && !processOrNull.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + processOrNull.exitValue()
                        + tailOf(logOrNull));
            }
            if (portOpen(hostPort[0], Integer.parseInt(hostPort[1]))) {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                        "request.timeout.ms", "3000", "default.api.timeout.ms", "5000"))) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // controller still electing itself
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " not ready after " + timeout
                + tailOf(logOrNull));
    }

    private void awaitReady(Duration timeout) {
        try {
            awaitReady(bootstrapServers, timeout, process, logFile);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static String serverProperties(int clientPort, int controllerPort, Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.backoff.ms=1000",
                "log.segment.bytes=67108864",
                "") ;
    }

    private static void format(String classpath, Path properties, Path logFile) throws IOException {
        Process format = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed" + tailOf(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    static String brokerClasspath() {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build local-kafka with ./mvnw first");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("Kafka broker jar " + entry
                            + " is not in the local Maven repository: run ./mvnw install -DskipTests once");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tailOf(Path log) {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return "; last lines of " + log + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
