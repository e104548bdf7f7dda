package io.mmplatform.common.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

import java.math.BigInteger;

/**
 * Deterministic (RFC 6979, HMAC-SHA256) secp256k1 ECDSA over a 32-byte hash, low-s, with the recovery id.
 *
 * <p>The same signatures as web3j's {@code Sign.signMessage(hash, key, false)}, which finds the recovery id by
 * recovering public keys from the signature until one matches (one or two extra curve multiplications, most of the
 * cost of a signature). Here the id comes from the point {@code R = k·G} the signature was made with: its y parity,
 * flipped when s is replaced by n - s. This is the signer of every order on the trading path.
 */
public final class Secp256k1Signer {
    /** r, s (s ≤ n/2) and the recovery id (0..3); {@code v()} is the Ethereum form 27 + id. */
    public record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {
        public int v() {
            return 27 + recoveryId;
        }
    }

    private static final ECDomainParameters CURVE = new ECDomainParameters(Sign.CURVE_PARAMS.getCurve(),
            Sign.CURVE_PARAMS.getG(), Sign.CURVE_PARAMS.getN(), Sign.CURVE_PARAMS.getH());
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    public static RecoverableSignature sign(byte[] hash, ECKeyPair key) {
        if (key == null) {
            throw new IllegalArgumentException("signing key is required");
        }
        return sign(hash, key.getPrivateKey());
    }

    public static RecoverableSignature sign(byte[] hash, BigInteger privateKey) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("the signed hash must be 32 bytes");
        }
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new IllegalArgumentException("the private key is not a valid secp256k1 scalar");
        }
        BigInteger e = new BigInteger(1, hash); // 256-bit hash, 256-bit order: no truncation
        HMacDSAKCalculator kCalculator = new HMacDSAKCalculator(new SHA256Digest());
        kCalculator.init(N, privateKey, hash);
        while (true) {
            BigInteger k = kCalculator.nextK();
            ECPoint p = BASE_MULTIPLIER.multiply(CURVE.getG(), k).normalize();
            BigInteger x = p.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (p.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s); // the signature with -k: R mirrored, so its y parity flips
                recoveryId ^= 1;
            }
            return new RecoverableSignature(r, s, recoveryId);
        }
    }

    private Secp256k1Signer() {
    }
}
