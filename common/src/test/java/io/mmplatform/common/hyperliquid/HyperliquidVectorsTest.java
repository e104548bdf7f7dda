package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every case of vectors/hyperliquid-signing.json (published reference-client vectors). */
class HyperliquidVectorsTest {
    private static final JsonNode VECTORS = load();
    private static final ECKeyPair KEY = ECKeyPair.create(new BigInteger(
            VECTORS.get("privateKey").asText().substring(2), 16));
    private static final String ADDRESS = VECTORS.get("address").asText();

    private static JsonNode load() {
        try (InputStream in = HyperliquidVectorsTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void vectorFileHasCases() {
        assertTrue(VECTORS.get("cases").size() >= 2, "vector file lost its cases");
    }

    @Test
    void addressDerivesFromKey() {
        assertEquals(ADDRESS.toLowerCase(), HyperliquidSigner.address(KEY));
        assertEquals(ADDRESS, Keys.toChecksumAddress(HyperliquidSigner.address(KEY)));
    }

    @TestFactory
    List<DynamicTest> everyCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : VECTORS.get("cases")) {
            String name = c.get("name").asText();
            JsonNode action = c.get("action");
            long nonce = c.get("nonce").asLong();
            if (c.has("msgpackHex")) {
                tests.add(DynamicTest.dynamicTest(name + ": msgpack bytes", () -> assertEquals(
                        c.get("msgpackHex").asText(), HexFormat.of().formatHex(ActionPacker.pack(action)))));
            }
            for (String net : List.of("mainnet", "testnet")) {
                boolean mainnet = net.equals("mainnet");
                JsonNode expected = c.get(net);
                if (expected == null) {
                    continue;
                }
                Signature vector = Signature.fromJson(expected);
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " signature", () -> {
                    Signature sig = HyperliquidSigner.signL1Action(KEY, action, nonce, null, null, mainnet);
                    assertEquals(new BigInteger(expected.get("r").asText().substring(2), 16), sig.r(), "r");
                    assertEquals(new BigInteger(expected.get("s").asText().substring(2), 16), sig.s(), "s");
                    assertEquals(expected.get("v").asInt(), sig.v(), "v");
                    assertEquals(expected.get("r").asText(), sig.toJson().get("r").asText(), "unpadded r on the wire");
                }));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " recovers the signer", () -> assertEquals(
                        ADDRESS.toLowerCase(),
                        HyperliquidSigner.recoverL1Signer(action, nonce, null, null, mainnet, vector))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " wrong network", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce, null, null, !mainnet, vector))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " tampered nonce", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce + 1, null, null, mainnet, vector))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " tampered action", () -> {
                    ObjectNode tampered = action.deepCopy();
                    tampered.put("extra", 1);
                    assertNotSigner(() -> HyperliquidSigner.recoverL1Signer(tampered, nonce, null, null, mainnet,
                            vector));
                }));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " vault changes the hash", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce,
                                "0x1719884eb866cb12b2287399b15f7db5e7d775ea", null, mainnet, vector))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " expiresAfter changes the hash",
                        () -> assertNotSigner(() -> HyperliquidSigner.recoverL1Signer(action, nonce, null,
                                1_700_000_000_000L, mainnet, vector))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " tampered s", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce, null, null, mainnet,
                                new Signature(vector.r(), vector.s().add(BigInteger.ONE), vector.v())))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " tampered r", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce, null, null, mainnet,
                                new Signature(vector.r().add(BigInteger.ONE), vector.s(), vector.v())))));
                tests.add(DynamicTest.dynamicTest(name + ": " + net + " flipped v", () -> assertNotSigner(
                        () -> HyperliquidSigner.recoverL1Signer(action, nonce, null, null, mainnet,
                                new Signature(vector.r(), vector.s(), vector.v() == 27 ? 28 : 27)))));
            }
        }
        return tests;
    }

    @Test
    void orderBuiltInCodeInDocumentedKeyOrderMatchesVectorBytes() {
        JsonNode vectorCase = null;
        for (JsonNode c : VECTORS.get("cases")) {
            if (c.has("msgpackHex") && c.get("action").get("type").asText().equals("order")) {
                vectorCase = c;
            }
        }
        if (vectorCase == null) {
            fail("vector file has no order case with msgpackHex");
        }
        ObjectNode order = Json.MAPPER.createObjectNode();
        order.put("a", 1).put("b", true).put("p", HyperliquidWire.decimalToWire(new java.math.BigDecimal("100.000")))
                .put("s", HyperliquidWire.decimalToWire(new java.math.BigDecimal("1E+2"))).put("r", false);
        order.putObject("t").putObject("limit").put("tif", "Gtc");
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "order");
        action.putArray("orders").add(order);
        action.put("grouping", "na");
        assertEquals(vectorCase.get("msgpackHex").asText(), HexFormat.of().formatHex(ActionPacker.pack(action)));

        ObjectNode reordered = Json.MAPPER.createObjectNode();
        reordered.put("grouping", "na");
        reordered.set("orders", action.get("orders"));
        reordered.put("type", "order");
        assertFalse(java.util.Arrays.equals(HyperliquidSigner.actionHash(action, 0, null, null),
                HyperliquidSigner.actionHash(reordered, 0, null, null)), "key order must change the hash");
    }

    @Test
    void signAndRecoverWithVaultAndExpiry() {
        JsonNode action = VECTORS.get("cases").get(1).get("action");
        String vault = "0x1719884eB866cb12b2287399B15f7db5e7d775EA";
        Signature sig = HyperliquidSigner.signL1Action(KEY, action, 1_700_000_000_123L, vault, 1_700_000_060_000L, false);
        assertEquals(ADDRESS.toLowerCase(), HyperliquidSigner.recoverL1Signer(action, 1_700_000_000_123L,
                vault.toLowerCase(), 1_700_000_060_000L, false, Signature.fromJson(sig.toJson())));
        assertNotSigner(() -> HyperliquidSigner.recoverL1Signer(action, 1_700_000_000_123L, vault,
                1_700_000_060_001L, false, sig));
        assertNotSigner(() -> HyperliquidSigner.recoverL1Signer(action, 1_700_000_000_123L, null,
                1_700_000_060_000L, false, sig));
    }

    @Test
    void actionHashLayoutIsMsgpackNonceVaultFlagExpiry() {
        JsonNode action = VECTORS.get("cases").get(0).get("action");
        byte[] packed = ActionPacker.pack(action);
        byte[] noVault = concat(packed, HexFormat.of().parseHex("0000000000000102"), new byte[] {0});
        assertArrayEquals(org.web3j.crypto.Hash.sha3(noVault), HyperliquidSigner.actionHash(action, 258, null, null));
        byte[] withVaultAndExpiry = concat(packed, HexFormat.of().parseHex("0000000000000102"), new byte[] {1},
                HexFormat.of().parseHex("1719884eb866cb12b2287399b15f7db5e7d775ea"), new byte[] {0},
                HexFormat.of().parseHex("0000000000000003"));
        assertArrayEquals(org.web3j.crypto.Hash.sha3(withVaultAndExpiry), HyperliquidSigner.actionHash(action, 258,
                "0x1719884eb866cb12b2287399b15f7db5e7d775ea", 3L));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertNotSigner(java.util.function.Supplier<String> recover) {
        String recovered;
        try {
            recovered = recover.get();
        } catch (IllegalArgumentException unrecoverable) {
            return;
        }
        assertNotEquals(ADDRESS.toLowerCase(), recovered);
    }
}
