package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./mm inj against vectors/injective.json (a copy of shared/vectors/injective.json), as the operator runs it. */
class InjCommandTest {
    private static final JsonNode VECTORS = load();
    private static final JsonNode TX = VECTORS.get("mainnetTxVector");
    private static final String KEY = TX.get("privateKey").asText();
    private static final String MSG = TX.get("msg").toString();

    private record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }

        String all() {
            return out + err;
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
        try (InputStream in = InjCommandTest.class.getResourceAsStream("/vectors/injective.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vector's transaction as command arguments; an option in {@code extra} replaces the vector's, others add. */
    private static Run vectorTx(String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--key", KEY);
        options.put("--chain-id", TX.get("chainId").asText());
        options.put("--account-number", TX.get("accountNumber").asText());
        options.put("--sequence", TX.get("sequence").asText());
        options.put("--gas", TX.get("fee").get("gas_limit").asText());
        options.put("--fee", "100000000000000inj");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (options.containsKey(extra[i]) && i + 1 < extra.length) {
                options.put(extra[i], extra[++i]);
            } else {
                rest.add(extra[i]);
            }
        }
        List<String> args = new ArrayList<>(List.of("inj", "tx"));
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        args.addAll(rest);
        return mm(args.toArray(String[]::new));
    }

    private static void assertNoKey(Run run) {
        assertFalse(run.all().toLowerCase().contains(KEY.toLowerCase()), "the key is never printed");
        assertFalse(run.all().toLowerCase().contains(KEY.substring(0, 16).toLowerCase()), "not even in part");
    }

    @Test
    void theMainnetMsgSendIsRebuiltByteForByte() throws Exception {
        Run run = vectorTx("--uncompressed-pubkey", "--msg", MSG);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode last = Json.MAPPER.readTree(run.lastLine());
        assertEquals(TX.get("txBytesBase64").asText(), last.get("txBytes").asText());
        byte[] bytes = Base64.getDecoder().decode(TX.get("txBytesBase64").asText());
        String hash = java.util.HexFormat.of().withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(hash, last.get("txHash").asText());
        assertEquals(List.of("txBytes", "txHash"), fieldNames(last), "the last line is exactly {txBytes,txHash}");
        assertTrue(run.out().contains("inj13u6g7vqgw074mgmf2ze2cadzvkz9snlwcrtq8a"), "shows the signer");
        assertEquals("", run.err(), "the message's sender is the signer: no warning");
        assertNoKey(run);
    }

    @Test
    void theCompressedKeyMemoAndTimeoutHeightAreSigned() throws Exception {
        String vector = TX.get("txBytesBase64").asText();
        Run compressed = vectorTx("--msg", MSG);
        Run memo = vectorTx("--msg", MSG, "--memo", "hello");
        Run timeout = vectorTx("--msg", MSG, "--timeout-height", "123456789");
        List<String> all = new ArrayList<>(List.of(vector));
        for (Run run : List.of(compressed, memo, timeout)) {
            assertEquals(0, run.exitCode(), run.err());
            all.add(Json.MAPPER.readTree(run.lastLine()).get("txBytes").asText());
        }
        assertEquals(4, all.stream().distinct().count(), "each option changes the bytes");
        // the compressed key (33 bytes, not 65) makes the tx shorter than the vector's
        assertTrue(Base64.getDecoder().decode(all.get(1)).length < Base64.getDecoder().decode(vector).length - 30);
    }

    @Test
    void severalMessagesGoInOneTransaction() throws Exception {
        Run one = vectorTx("--msg", MSG);
        Run two = vectorTx("--msg", MSG, "--msg", MSG);
        assertEquals(0, two.exitCode(), two.err());
        assertNotEquals(one.lastLine(), two.lastLine());
        assertEquals(2, two.out().lines().filter(l -> l.startsWith("message")).count());
    }

    @Test
    void theAddressOfTheVectorKeyIsItsSender() throws Exception {
        Run run = mm("inj", "address", "--key", KEY);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode last = Json.MAPPER.readTree(run.lastLine());
        String address = TX.get("msg").get("from_address").asText();
        assertEquals(address, last.get("address").asText());
        assertEquals("0x8f348f300873fd5da36950b2ac75a26584584fee", last.get("ethAddress").asText());
        assertEquals("0x8f348f300873fd5da36950b2ac75a26584584fee000000000000000000000000",
                last.get("subaccountId").asText());
        assertEquals(List.of("address", "ethAddress", "subaccountId"), fieldNames(last));
        assertNoKey(run);
        Run prefixed = mm("inj", "address", "--key", "0x" + KEY);
        assertEquals(run.lastLine(), prefixed.lastLine(), "0x prefix optional");
    }

    @Test
    void aBadFeeIsRefusedNamingTheOption() {
        for (String fee : List.of("abc", "100", "inj100", "1.5inj", "-5inj", "100inj,")) {
            Run run = mm("inj", "tx", "--key", KEY, "--chain-id", "injective-1", "--account-number", "1",
                    "--sequence", "0", "--gas", "100000", "--fee", fee, "--msg", MSG);
            assertNotEquals(0, run.exitCode(), fee);
            assertTrue(run.err().contains("--fee must be <integer><denom>"), fee + ": " + run.err());
            assertFalse(run.out().contains("txBytes"), "nothing signed");
            assertNoKey(run);
        }
        Run twoCoins = vectorTx("--msg", MSG, "--fee", "100inj, 007peggy0xdAC17F958D2ee523a2206206994597C13D831ec7");
        assertEquals(0, twoCoins.exitCode(), twoCoins.err());
    }

    @Test
    void anUnknownTypeIsRefusedNamingIt() {
        Run run = vectorTx("--msg", "{\"@type\":\"/cosmos.staking.v1beta1.MsgDelegate\",\"delegator_address\":\"x\"}");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--msg 1: unsupported message @type '/cosmos.staking.v1beta1.MsgDelegate'"),
                run.err());
        assertTrue(run.err().contains("/cosmos.bank.v1beta1.MsgSend"), "lists the supported types");
        assertFalse(run.out().contains("txBytes"));
        assertNoKey(run);

        Run second = vectorTx("--msg", MSG, "--msg", "{\"@type\":\"/nope.Msg\"}");
        assertTrue(second.err().contains("--msg 2: unsupported message @type '/nope.Msg'"), second.err());
        Run noType = vectorTx("--msg", "{\"from_address\":\"inj1\"}");
        assertTrue(noType.err().contains("--msg 1: message has no @type"), noType.err());
        Run notJson = vectorTx("--msg", "{\"@type\":");
        assertTrue(notJson.err().contains("--msg 1 is not valid JSON"), notJson.err());
        Run unknownField = vectorTx("--msg", "{\"@type\":\"/cosmos.bank.v1beta1.MsgSend\",\"fromAddress\":\"inj1\"}");
        assertNotEquals(0, unknownField.exitCode());
        assertTrue(unknownField.err().contains("fromAddress"), unknownField.err());
    }

    @Test
    void aMissingMsgIsRefusedNamingTheOption() {
        Run run = vectorTx();
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--msg=JSON'"), run.err());
        assertNoKey(run);
    }

    @Test
    void aSenderThatIsNotTheSignerIsWarnedAbout() {
        String other = MSG.replace(TX.get("msg").get("from_address").asText(),
                TX.get("msg").get("to_address").asText());
        Run run = vectorTx("--msg", other);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("--msg 1 from_address " + TX.get("msg").get("to_address").asText()
                + " is not the signer"), run.err());
    }

    @Test
    void theKeyNeverAppearsInAnyOutputEvenOnErrors() {
        List<Run> runs = List.of(
                vectorTx("--msg", MSG),
                vectorTx("--msg", MSG, "--uncompressed-pubkey"),
                vectorTx("--msg", "not json"),
                vectorTx("--msg", MSG, "--gas", "0"),
                vectorTx("--msg", MSG, "--sequence", "x"),
                vectorTx("--msg", MSG, "--mistyped-option"),
                mm("inj", "tx", "--key", KEY, "--key", KEY, "--msg", MSG), // given twice
                mm("inj", "tx", "--msg", MSG, "--key", KEY), // missing required options
                mm("inj", "tx", "--key=" + KEY, "--msg", MSG),
                mm("inj", "address", "--key", KEY, KEY), // the key as a stray positional: echoed by picocli
                mm("inj", "address", "--key", "0x" + KEY, "--unknown", "0x" + KEY),
                mm("inj", "addres", "--key", KEY),
                mm("inj", "address", "--key", KEY.substring(0, 63) + "z"),
                mm("inj", "address", "--key", "f".repeat(64))); // above the curve order
        for (Run run : runs) {
            assertNoKey(run);
            assertFalse(run.all().contains(KEY.substring(0, 63)), "a bad key is not echoed either");
        }
        assertTrue(runs.get(9).err().contains("<redacted>"), runs.get(9).err());
        assertTrue(runs.get(12).err().contains("--key must be 64 hex digits"), runs.get(12).err());
        assertTrue(runs.get(13).err().contains("--key must be 64 hex digits"), runs.get(13).err());
    }

    @Test
    void otherBadValuesAreRefusedNamingTheOption() {
        assertTrue(vectorTx("--msg", MSG, "--gas", "0").err().contains("--gas must be positive"));
        assertTrue(vectorTx("--msg", MSG, "--sequence", "-1").err().contains("--sequence must not be negative"));
        assertTrue(vectorTx("--msg", MSG, "--account-number", "-1").err()
                .contains("--account-number must not be negative"));
        assertTrue(vectorTx("--msg", MSG, "--timeout-height", "-1").err()
                .contains("--timeout-height must not be negative"));
        assertTrue(vectorTx("--msg", MSG, "--chain-id", " ").err().contains("--chain-id must not be blank"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
