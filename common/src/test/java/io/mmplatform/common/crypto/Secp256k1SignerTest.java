package io.mmplatform.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.util.Random;

class Secp256k1SignerTest {
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    @Test
    void signsExactlyLikeWeb3jIncludingTheRecoveryId() throws Exception {
        Random random = new Random(20261203L);
        int flipped = 0;
        for (int i = 0; i < 300; i++) {
            BigInteger d = new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            ECKeyPair key = ECKeyPair.create(d);
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            Sign.SignatureData expected = Sign.signMessage(hash, key, false);
            Secp256k1Signer.RecoverableSignature actual = Secp256k1Signer.sign(hash, key);
            assertEquals(new BigInteger(1, expected.getR()), actual.r(), "r of case " + i);
            assertEquals(new BigInteger(1, expected.getS()), actual.s(), "s of case " + i);
            assertEquals(expected.getV()[0] & 0xff, actual.v(), "v of case " + i);
            assertTrue(actual.s().compareTo(N.shiftRight(1)) <= 0, "low s");
            BigInteger recovered = Sign.signedMessageHashToKey(hash, new Sign.SignatureData((byte) actual.v(),
                    expected.getR(), expected.getS()));
            assertEquals(key.getPublicKey(), recovered);
            flipped += actual.recoveryId();
        }
        // both parities occur, so the test covers the low-s flip as well as the plain case
        assertTrue(flipped > 50 && flipped < 250, "recovery ids seen: " + flipped + " of 300 odd");
    }

    @Test
    void refusesWhatIsNotAHashOrAKey() {
        ECKeyPair key = ECKeyPair.create(BigInteger.TWO);
        assertThrows(IllegalArgumentException.class, () -> Secp256k1Signer.sign(new byte[31], key));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1Signer.sign(new byte[32], N));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1Signer.sign(new byte[32], (ECKeyPair) null));
    }
}
