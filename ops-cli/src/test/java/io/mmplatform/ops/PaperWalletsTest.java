package io.mmplatform.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperWalletsTest {

    @Test
    void keysAreGeneratedOnceIntoAnOwnerOnlyFileAndNeverShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/wallets.json");
        List<PaperWallets.Wallet> first = PaperWallets.ensure(file, 2);
        assertEquals(List.of("w1", "w2"), first.stream().map(PaperWallets.Wallet::id).toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(first.get(0).address().matches("0x[0-9a-f]{40}"), first.get(0).address());

        assertEquals(first, PaperWallets.ensure(file, 2), "a second run keeps the same wallets");

        String key = Files.readString(file).replaceAll("(?s).*\"privateKey\"\\s*:\\s*\"(0x[0-9a-f]+)\".*", "$1");
        assertEquals(66, key.length());
        assertFalse(first.toString().contains(key.substring(2)), "a wallet as shown never carries its key");
    }

    @Test
    void theStackStateSurvivesARoundTripThroughStackJson(@TempDir Path dir) {
        Path wallets = dir.resolve("wallets.json");
        List<PaperWallets.Wallet> list = PaperWallets.ensure(wallets, 1);
        StackState state = new StackState(dir, "127.0.0.1:9092", 4242L, 8900, wallets, list, new java.util.ArrayList<>());
        state.components().add(new StackState.Running(StackComponent.PORTFOLIO, 4243L, "http://127.0.0.1:8905",
                dir.resolve("logs/portfolio-service.log")));
        state.write();

        StackState read = StackState.read(dir).orElseThrow();
        assertEquals(state.bootstrap(), read.bootstrap());
        assertEquals(state.brokerPid(), read.brokerPid());
        assertEquals(list, read.wallets());
        assertEquals("http://127.0.0.1:8905", read.url(StackComponent.PORTFOLIO));
        assertEquals("http://127.0.0.1:8903", read.url(StackComponent.EXECUTION), "a component not started has its default URL");
        read.markStopped();
        assertTrue(StackState.read(dir).isEmpty());
    }
}
