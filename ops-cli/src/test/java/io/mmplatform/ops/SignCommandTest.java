package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./mm sign hyperliquid against every published vector, through the command line as the operator runs it. */
class SignCommandTest {
    private static final JsonNode VECTORS = load();
    private static final String KEY = VECTORS.get("privateKey").asText();

    private record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run mm(String... args) {
        CommandLine commandLine = MmCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode load() {
        try (InputStream in = SignCommandTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theVectorFileHasCases() {
        assertTrue(VECTORS.get("cases").size() >= 2);
    }

    @TestFactory
    List<DynamicTest> everyVectorReproducesItsSignature() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : VECTORS.get("cases")) {
            for (String net : List.of("mainnet", "testnet")) {
                JsonNode expected = c.get(net);
                if (expected == null) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " (" + net + ")", () -> {
                    List<String> args = new ArrayList<>(List.of("sign", "hyperliquid", "--key", KEY,
                            "--nonce", c.get("nonce").asText(), "--action", c.get("action").toString()));
                    if (net.equals("testnet")) {
                        args.add("--testnet");
                    }
                    Run run = mm(args.toArray(String[]::new));
                    assertEquals(0, run.exitCode(), run.err());
                    JsonNode signature = Json.MAPPER.readTree(run.lastLine());
                    assertEquals(hex(expected.get("r")), hex(signature.get("r")), "r");
                    assertEquals(hex(expected.get("s")), hex(signature.get("s")), "s");
                    assertEquals(expected.get("v").asInt(), signature.get("v").asInt(), "v");
                    assertEquals(List.of("r", "s", "v"), fieldNames(signature), "the last line is exactly {r,s,v}");
                    assertTrue(run.out().contains(VECTORS.get("address").asText().toLowerCase()), "shows the signer");
                    assertFalse(run.out().contains(KEY.substring(2)), "the key is never printed");
                }));
            }
        }
        return tests;
    }

    @Test
    void keyOrderIsPartOfTheHash() {
        Run given = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "0",
                "--action", "{\"type\":\"dummy\",\"num\":100000000000}");
        Run swapped = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "0",
                "--action", "{\"num\":100000000000,\"type\":\"dummy\"}");
        assertEquals(0, given.exitCode(), given.err());
        assertEquals(0, swapped.exitCode(), swapped.err());
        assertNotEquals(given.lastLine(), swapped.lastLine());
    }

    @Test
    void vaultAndExpiresAfterChangeTheSignature() {
        String action = "{\"type\":\"scheduleCancel\",\"time\":1700000005000}";
        Run plain = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "1700000000000", "--action", action);
        Run vault = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "1700000000000", "--action", action,
                "--vault", "0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        Run expiring = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "1700000000000", "--action", action,
                "--expires-after", "1700000060000");
        assertEquals(0, plain.exitCode() + vault.exitCode() + expiring.exitCode(), plain.err() + vault.err() + expiring.err());
        assertEquals(3, List.of(plain.lastLine(), vault.lastLine(), expiring.lastLine()).stream().distinct().count());
    }

    @Test
    void aFloatInTheActionIsRefused() {
        Run run = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "0",
                "--action", "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":100.5,\"s\":\"1\"}]}");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("floating-point number at $.orders[0].p (100.5)"), run.err());
        assertFalse(run.out().contains("\"r\""), "nothing signed");
    }

    @Test
    void badInputIsRefusedWithoutEchoingTheKey() {
        String badKey = "0x0123456789012345678901234567890123456789012345678901234567890zzz";
        Run key = mm("sign", "hyperliquid", "--key", badKey, "--nonce", "0", "--action", "{\"type\":\"dummy\"}");
        assertNotEquals(0, key.exitCode());
        assertTrue(key.err().contains("--key must be 64 hex digits"), key.err());
        assertFalse(key.err().contains("0123456789012345678901234567890123456789"), "the key is not echoed");

        Run notObject = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "0", "--action", "[1,2]");
        assertTrue(notObject.err().contains("--action must be a JSON object"), notObject.err());
        Run duplicate = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "0", "--action", "{\"a\":1,\"a\":2}");
        assertTrue(duplicate.err().contains("--action is not valid JSON"), duplicate.err());
        Run negative = mm("sign", "hyperliquid", "--key", KEY, "--nonce", "-1", "--action", "{\"type\":\"dummy\"}");
        assertTrue(negative.err().contains("--nonce must not be negative"), negative.err());
    }

    private static BigInteger hex(JsonNode node) {
        return new BigInteger(node.asText().substring(2), 16);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
