package io.mmplatform.execution.adapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonceFileTest {
    @Test
    void storesAndReloadsTheMarkPerWallet(@TempDir Path dir) throws Exception {
        NonceFile w1 = new NonceFile(dir.resolve("state"), "w1");
        assertEquals(Long.MIN_VALUE, w1.load(), "nothing persisted yet");
        w1.store(1_790_000_010_000L);
        w1.store(1_790_000_020_000L);
        assertEquals(1_790_000_020_000L, new NonceFile(dir.resolve("state"), "w1").load());
        assertEquals(Long.MIN_VALUE, new NonceFile(dir.resolve("state"), "w2").load());
        NonceFile odd = new NonceFile(dir, "../escape");
        assertTrue(odd.path().getParent().equals(dir), "a wallet id never leaves the state directory");
        Files.writeString(dir.resolve("state").resolve("nonce-w3"), "garbage");
        assertThrows(IllegalStateException.class, () -> new NonceFile(dir.resolve("state"), "w3").load());
    }
}
