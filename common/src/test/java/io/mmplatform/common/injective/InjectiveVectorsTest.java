package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.InjectiveKeys.PublicKeyForm;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** vectors/injective.json: a real mainnet MsgSend rebuilt byte for byte, and the address vector. */
class InjectiveVectorsTest {
    private static final JsonNode VECTORS = load();
    private static final JsonNode TX = VECTORS.get("mainnetTxVector");

    private static JsonNode load() {
        try (InputStream in = InjectiveVectorsTest.class.getResourceAsStream("/vectors/injective.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignedTx signVectorTx(long accountNumber, long sequence, String chainId) {
        ECKeyPair key = InjectiveKeys.keyPair(TX.get("privateKey").asText());
        List<Coin> coins = new ArrayList<>();
        for (JsonNode c : TX.get("fee").get("amount")) {
            coins.add(new Coin(c.get("denom").asText(), c.get("amount").asText()));
        }
        Fee fee = new Fee(coins, TX.get("fee").get("gas_limit").asLong());
        return InjectiveTxBuilder.sign(key, PublicKeyForm.UNCOMPRESSED, chainId, accountNumber, sequence, fee,
                null, 0, List.of(TX.get("msg")));
    }

    @Test
    void mainnetMsgSendRebuildsByteForByte() {
        SignedTx tx = signVectorTx(TX.get("accountNumber").asLong(), TX.get("sequence").asLong(),
                TX.get("chainId").asText());
        assertEquals(TX.get("txBytesBase64").asText(), tx.txBytesBase64());
    }

    @Test
    void hashIsUppercaseSha256OfTheBroadcastBytes() throws Exception {
        byte[] vectorBytes = Base64.getDecoder().decode(TX.get("txBytesBase64").asText());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(vectorBytes))
                .toUpperCase();
        SignedTx tx = signVectorTx(17396, 1, "injective-1");
        assertEquals(expected, tx.hash());
        assertEquals(64, tx.hash().length());
    }

    @Test
    void everySignedInputChangesTheSignature() {
        String vector = TX.get("txBytesBase64").asText();
        assertNotEquals(vector, signVectorTx(17397, 1, "injective-1").txBytesBase64(), "account number is signed");
        assertNotEquals(vector, signVectorTx(17396, 2, "injective-1").txBytesBase64(), "sequence is signed");
        assertNotEquals(vector, signVectorTx(17396, 1, "injective-888").txBytesBase64(), "chain id is signed");
    }

    @Test
    void vectorMessageBytesMatchTheEncoder() {
        byte[] vectorBytes = Base64.getDecoder().decode(TX.get("txBytesBase64").asText());
        ProtoReader body = ProtoReader.of(vectorBytes).message(1);
        assertArrayEquals(body.bytes(1), InjectiveMessages.encode(TX.get("msg")).encode());
    }

    @Test
    void privateKeyDerivesTheSender() {
        InjectiveAddress address = InjectiveAddress.fromPrivateKey(TX.get("privateKey").asText());
        assertEquals(TX.get("msg").get("from_address").asText(), address.bech32());
    }

    @Test
    void addressVectorEthAndBech32AreTheSameAccount() {
        JsonNode v = VECTORS.get("addressVector");
        assertEquals(v.get("bech32").asText(), InjectiveAddress.fromHex(v.get("eth").asText()).bech32());
        assertEquals(v.get("eth").asText(), InjectiveAddress.fromBech32(v.get("bech32").asText()).hex());
    }
}
