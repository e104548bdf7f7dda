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
    static volatile TestVenue venue;
    private Path walletsFile;

    @Override
    public Map<String, String> start() {
        try {
            venue = new TestVenue();
            walletsFile = Files.createTempFile("execution-test-wallets", ".json");
            Files.writeString(walletsFile, "[{\"id\":\"w1\",\"privateKey\":\"" + W1_KEY + "\"},"
                    + "{\"id\":\"w2\",\"privateKey\":\"" + W2_KEY + "\"}]");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("execution.venue-url", venue.url(), "execution.wallets-file", walletsFile.toString());
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
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
