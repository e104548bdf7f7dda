package io.mmplatform.common.hyperliquid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserSignedActionsTest {
    static final ECKeyPair MASTER =
            Credentials.create("0x0123456789012345678901234567890123456789012345678901234567890123").getEcKeyPair();

    static ObjectNode approveAgent(String name) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("type", "approveAgent");
        a.put("signatureChainId", "0x66eee");
        a.put("hyperliquidChain", "Testnet");
        a.put("agentAddress", "0x5e9ee1089755c3435139848e47e6635505d5a13a");
        if (name != null) {
            a.put("agentName", name);
        }
        a.put("nonce", 1700000000000L);
        return a;
    }

    @Test
    void digestMatchesWeb3jsGenericEip712Encoder() throws Exception {
        // an independent implementation of EIP-712 typed data hashing, fed the JSON typed data
        String typed = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "HyperliquidTransaction:ApproveAgent":[{"name":"hyperliquidChain","type":"string"},
                {"name":"agentAddress","type":"address"},{"name":"agentName","type":"string"},
                {"name":"nonce","type":"uint64"}]},
                "primaryType":"HyperliquidTransaction:ApproveAgent",
                "domain":{"name":"HyperliquidSignTransaction","version":"1","chainId":421614,
                "verifyingContract":"0x0000000000000000000000000000000000000000"},
                "message":{"hyperliquidChain":"Testnet","agentAddress":"0x5e9ee1089755c3435139848e47e6635505d5a13a",
                "agentName":"bot","nonce":1700000000000}}""";
        byte[] expected = new StructuredDataEncoder(typed).hashStructuredData();
        assertArrayEquals(expected, UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, approveAgent("bot")));
        assertEquals(new BigInteger("421614"), UserSignedActions.chainId(approveAgent("bot")));
    }

    /**
     * A published user-signed vector (async-hyperliquid's tests/test_signing.py, checked there against the official
     * Python SDK 0.5.1): usdSend on Mainnet with signatureChainId 0x66eee, key 0x11..11. It exercises the same domain
     * and encoding as approveAgent with another type (string, string, string, uint64).
     */
    @Test
    void publishedUsdSendVector() {
        UserSignedActions.Type usdSend = new UserSignedActions.Type("HyperliquidTransaction:UsdSend", List.of(
                new UserSignedActions.Field("hyperliquidChain", "string"),
                new UserSignedActions.Field("destination", "string"),
                new UserSignedActions.Field("amount", "string"),
                new UserSignedActions.Field("time", "uint64")));
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "usdSend");
        action.put("amount", "12.34");
        action.put("destination", "0x1234567890123456789012345678901234567890");
        action.put("time", 1_700_000_000_000L);
        action.put("signatureChainId", "0x66eee");
        action.put("hyperliquidChain", "Mainnet");
        ECKeyPair key = Credentials.create("0x" + "11".repeat(32)).getEcKeyPair();
        Signature sig = UserSignedActions.sign(key, usdSend, action);
        assertEquals(new BigInteger("6de7743bfa835b599baa4017ffd6e0ea52c866272c5a79485762dd1946af9146", 16), sig.r());
        assertEquals(new BigInteger("540f3b338f885d1c65007a408de8c17de622cfde54342ea7e062d0fb1fa544e3", 16), sig.s());
        assertEquals(28, sig.v());
        assertEquals(HyperliquidSigner.address(key), UserSignedActions.recoverSigner(usdSend, action, sig));
    }

    @Test
    void signsAndRecoversTheMaster() {
        ObjectNode action = approveAgent("bot");
        Signature sig = UserSignedActions.sign(MASTER, UserSignedActions.APPROVE_AGENT, action);
        assertEquals(HyperliquidSigner.address(MASTER),
                UserSignedActions.recoverSigner(UserSignedActions.APPROVE_AGENT, action, sig));
        // another agent, chain or nonce recovers someone else
        ObjectNode other = approveAgent("bot");
        other.put("agentAddress", "0x0000000000000000000000000000000000000001");
        assertNotEquals(HyperliquidSigner.address(MASTER),
                UserSignedActions.recoverSigner(UserSignedActions.APPROVE_AGENT, other, sig));
        ObjectNode otherChain = approveAgent("bot");
        otherChain.put("signatureChainId", "0xa4b1");
        assertNotEquals(HyperliquidSigner.address(MASTER),
                UserSignedActions.recoverSigner(UserSignedActions.APPROVE_AGENT, otherChain, sig));
    }

    @Test
    void anAbsentAgentNameIsSignedAsTheEmptyString() {
        assertArrayEquals(UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, approveAgent("")),
                UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, approveAgent(null)));
    }

    @Test
    void refusesMalformedFields() {
        ObjectNode noChain = approveAgent("x");
        noChain.remove("signatureChainId");
        assertThrows(IllegalArgumentException.class,
                () -> UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, noChain));
        ObjectNode badNonce = approveAgent("x");
        badNonce.put("nonce", -1);
        assertThrows(IllegalArgumentException.class,
                () -> UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, badNonce));
        ObjectNode badAgent = approveAgent("x");
        badAgent.put("agentAddress", "0x12");
        assertThrows(IllegalArgumentException.class,
                () -> UserSignedActions.digest(UserSignedActions.APPROVE_AGENT, badAgent));
    }
}
