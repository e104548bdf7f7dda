package io.mmplatform.ops;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuPriorityTest {
    private static final Optional<Path> NICE = Optional.of(Path.of("/usr/bin/nice"));

    @Test
    void onlyTheComponentsOffTheTradingPathRunNiced() {
        assertEquals(List.of("/usr/bin/nice", "-n", "10"), PaperStack.cpuPriorityPrefix(StackComponent.RISK, 10, NICE));
        assertEquals(List.of("/usr/bin/nice", "-n", "10"),
                PaperStack.cpuPriorityPrefix(StackComponent.PORTFOLIO, 10, NICE));
        for (StackComponent c : List.of(StackComponent.VENUE_SIMULATOR, StackComponent.PRICE_FEED,
                StackComponent.QUOTING, StackComponent.EXECUTION)) {
            assertEquals(List.of(), PaperStack.cpuPriorityPrefix(c, 10, NICE), c.name());
        }
    }

    @Test
    void zeroOrNoNiceCommandMeansTheSamePriority() {
        assertEquals(List.of(), PaperStack.cpuPriorityPrefix(StackComponent.RISK, 0, NICE));
        assertEquals(List.of(), PaperStack.cpuPriorityPrefix(StackComponent.RISK, 10, Optional.empty()));
    }

    @Test
    void theVariableIsReadAndABadValueNamesIt() {
        assertEquals(PaperStack.OFF_PATH_NICE, PaperStack.offPathNice(null));
        assertEquals(PaperStack.OFF_PATH_NICE, PaperStack.offPathNice(" "));
        assertEquals(0, PaperStack.offPathNice("0"));
        assertEquals(19, PaperStack.offPathNice("19"));
        for (String bad : List.of("20", "-1", "ten")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PaperStack.offPathNice(bad));
            assertTrue(e.getMessage().contains("MM_OFF_PATH_NICE"), e.getMessage());
        }
    }
}
