package io.mmplatform.execution.component;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the {@link TestVenue} and writes a wallets file with two throw-away test keys (never used anywhere else).
 */
public class TestVenueResource implements QuarkusTestResourceLifecycleManager {
    static final String W1_KEY = "0x" + "1".repeat(64);
    static final String W2_KEY = "0x" + "2".repeat(64);
    /**
     * With w1 (partition 7 of quote.intents' 8) and w2 (partition 2), these wallets give every partition one wallet,
     * so whichever partitions another group member takes, it takes a wallet (ExecutionServiceComponentTest).
     */
    static final Map<String, String> MORE_WALLETS = Map.of("w3", "3", "w5", "5", "w7", "7", "w10", "a", "w21", "b",
            "w25", "c");
    static volatile TestVenue venue;
    private Path walletsFile;
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        try {
            venue = new TestVenue();
            walletsFile = Files.createTempFile("execution-test-wallets", ".json");
            stateDir = Files.createTempDirectory("execution-test-state");
            StringBuilder json = new StringBuilder("[{\"id\":\"w1\",\"privateKey\":\"" + W1_KEY + "\"},"
                    + "{\"id\":\"w2\",\"privateKey\":\"" + W2_KEY + "\"}");
            MORE_WALLETS.forEach((id, digit) -> json.append(",{\"id\":\"").append(id).append("\",\"privateKey\":\"")
                    .append(key(id)).append("\"}"));
            Files.writeString(walletsFile, json.append("]").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("execution.venue-url", venue.url(), "execution.wallets-file", walletsFile.toString(),
                "execution.state-dir", stateDir.toString());
    }

    /** The throw-away test key of a wallet: 0x and its digit 64 times. */
    static String key(String walletId) {
        return switch (walletId) {
            case "w1" -> W1_KEY;
            case "w2" -> W2_KEY;
            default -> "0x" + MORE_WALLETS.get(walletId).repeat(64);
        };
    }

    @Override
    public void stop() {
        if (venue != null) {
            venue.close();
        }
        try {
            if (walletsFile != null) {
                Files.deleteIfExists(walletsFile);
            }
            if (stateDir != null) {
                try (var files = Files.list(stateDir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(stateDir);
            }
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
