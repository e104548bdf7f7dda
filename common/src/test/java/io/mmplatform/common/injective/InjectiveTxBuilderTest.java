package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveTxBuilderTest {
    private static final String KEY = "9ee18daf8e463877aaf497282abc216852420101430482a28e246c179e2c5ef1";

    private static JsonNode msg() throws Exception {
        InjectiveAddress me = InjectiveAddress.fromPrivateKey(KEY);
        return Json.MAPPER.readTree(("{'@type':'/injective.exchange.v2.MsgCancelSpotOrder','sender':'" + me.bech32()
                + "','market_id':'0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe',"
                + "'subaccount_id':'" + me.defaultSubaccountId() + "','cid':'c1'}").replace('\'', '"'));
    }

    @Test
    void facadeSignsWithCompressedKeyAndEveryFieldLandsWhereExpected() throws Exception {
        SignedTx tx = InjectiveTxBuilder.sign(KEY, "injective-888", 42, 7, 150_000,
                List.of(new Coin("inj", "75000000000000")), "mm", 9_000_000, List.of(msg()));

        assertEquals(HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(tx.txBytes())), tx.hash());
        assertArrayEquals(tx.txBytes(), Base64.getDecoder().decode(tx.txBytesBase64()));

        ProtoReader raw = ProtoReader.of(tx.txBytes()).assertFields(1, 2, 3);
        ProtoReader body = raw.message(1).assertFields(1, 2, 3);
        assertEquals("/injective.exchange.v2.MsgCancelSpotOrder", body.message(1).string(1));
        assertEquals("mm", body.string(2));
        assertEquals(9_000_000, body.varint(3));

        ProtoReader auth = raw.message(2).assertFields(1, 2);
        ProtoReader signer = auth.message(1).assertFields(1, 2, 3);
        assertEquals(InjectiveKeys.PUB_KEY_TYPE_URL, signer.message(1).string(1));
        byte[] publicKey = signer.message(1).message(2).bytes(1);
        assertEquals(33, publicKey.length);
        assertEquals(1, signer.message(2).message(1).varint(1), "SIGN_MODE_DIRECT");
        assertEquals(7, signer.varint(3));
        ProtoReader fee = auth.message(2).assertFields(1, 2);
        assertEquals("inj", fee.message(1).string(1));
        assertEquals("75000000000000", fee.message(1).string(2));
        assertEquals(150_000, fee.varint(2));

        byte[] signature = raw.bytes(3);
        assertEquals(64, signature.length);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        assertTrue(s.compareTo(Sign.CURVE_PARAMS.getN().shiftRight(1)) <= 0, "low s");

        byte[] signDoc = new ProtoWriter().bytes(1, raw.bytes(1)).bytes(2, raw.bytes(2)).string(3, "injective-888")
                .uint64(4, 42).toByteArray();
        ECKeyPair key = InjectiveKeys.keyPair(KEY);
        boolean recovered = false;
        for (int recId = 0; recId < 2; recId++) {
            BigInteger candidate = Sign.recoverFromSignature(recId, new ECDSASignature(r, s), Hash.sha3(signDoc));
            recovered |= key.getPublicKey().equals(candidate);
        }
        assertTrue(recovered, "signature is over keccak256(SignDoc) by the signing key");
    }

    @Test
    void zeroSequenceAndNoMemoOrTimeoutAreOmitted() throws Exception {
        SignedTx tx = InjectiveTxBuilder.sign(KEY, "injective-888", 0, 0, 100_000, List.of(), null, 0,
                List.of(msg()));
        ProtoReader raw = ProtoReader.of(tx.txBytes());
        raw.message(1).assertFields(1);
        raw.message(2).message(1).assertFields(1, 2);
        raw.message(2).message(2).assertFields(2);
    }

    @Test
    void badMessageNamesItsIndex() throws Exception {
        JsonNode bad = Json.MAPPER.readTree("{\"@type\":\"/cosmos.bank.v1beta1.MsgMultiSend\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InjectiveTxBuilder.sign(
                KEY, "injective-1", 1, 1, 100_000, List.of(), null, 0, List.of(msg(), bad)));
        assertTrue(e.getMessage().startsWith("message 1:"), e.getMessage());
        assertTrue(e.getMessage().contains("/cosmos.bank.v1beta1.MsgMultiSend"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InjectiveTxBuilder.sign(
                KEY, "injective-1", 1, 1, 100_000, List.of(), null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> InjectiveTxBuilder.sign(
                KEY, "injective-1", 1, -1, 100_000, List.of(), null, 0, List.of(msg())));
    }
}
