package io.mmplatform.common.injective;

import io.mmplatform.common.injective.DecodedMsg.ExchangeVersion;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes broadcast transaction bytes ({@code cosmos.tx.v1beta1.TxRaw}) back into what {@link InjectiveTxBuilder}
 * encodes, and verifies the SIGN_MODE_DIRECT signature: keccak256(SignDoc{body_bytes, auth_info_bytes, chain_id,
 * account_number}) signed with eth_secp256k1 as 64 bytes r||s, low s (go-ethereum's VerifySignature rule, which the
 * chain applies). Plain Java, no I/O. Malformed bytes fail with IllegalArgumentException.
 */
public final class InjectiveTxDecoder {
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);
    private static final ECDomainParameters CURVE = new ECDomainParameters(Sign.CURVE_PARAMS.getCurve(),
            Sign.CURVE_PARAMS.getG(), Sign.CURVE_PARAMS.getN(), Sign.CURVE_PARAMS.getH());

    /** One signer's info: public key (33 or 65 bytes SEC1, empty when absent), its Any type, sequence, sign mode. */
    public record Signer(String publicKeyTypeUrl, byte[] publicKey, long sequence, int signMode) {
        public Signer {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }

    /**
     * A decoded transaction. bodyBytes and authInfoBytes are kept exactly as received: the signature covers them, not a
     * re-encoding. {@code hash} is the uppercase hex SHA-256 of the whole TxRaw, as explorers show it.
     */
    public record DecodedTx(List<DecodedMsg> messages, String memo, long timeoutHeight, List<Signer> signers,
                            Fee fee, List<byte[]> signatures, byte[] bodyBytes, byte[] authInfoBytes, String hash) {
        public DecodedTx {
            messages = List.copyOf(messages);
            signers = List.copyOf(signers);
            signatures = signatures.stream().map(byte[]::clone).toList();
            bodyBytes = bodyBytes.clone();
            authInfoBytes = authInfoBytes.clone();
        }

        /** The first (for our transactions: only) signer. */
        public Signer signer() {
            if (signers.isEmpty()) {
                throw new IllegalStateException("transaction has no signer");
            }
            return signers.get(0);
        }

        public long sequence() {
            return signer().sequence();
        }

        public byte[] publicKey() {
            return signer().publicKey();
        }

        public long gasLimit() {
            return fee.gasLimit();
        }

        /** The SignDoc bytes a signer with this account number on this chain signed. */
        public byte[] signDoc(String chainId, long accountNumber) {
            return new SignDoc(bodyBytes, authInfoBytes, chainId, accountNumber).encode();
        }

        /**
         * Whether the single signature verifies against the first signer's public key for this chain id and account
         * number. False (never an exception) for a missing or malformed key or signature, or a high-s signature.
         */
        public boolean verify(String chainId, long accountNumber) {
            if (signers.size() != 1 || signatures.size() != 1) {
                return false;
            }
            return verifySignature(signer().publicKey(), signDoc(chainId, accountNumber), signatures.get(0));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DecodedTx tx && hash.equals(tx.hash);
        }

        @Override
        public int hashCode() {
            return hash.hashCode();
        }

        @Override
        public String toString() {
            return "DecodedTx[" + hash + ", " + messages.size() + " messages, sequence " + (signers.isEmpty() ? "-"
                    : String.valueOf(signers.get(0).sequence())) + "]";
        }
    }

    public static DecodedTx decode(byte[] txBytes) {
        if (txBytes == null || txBytes.length == 0) {
            throw new IllegalArgumentException("empty transaction bytes");
        }
        ProtoFieldReader raw = ProtoFieldReader.of(txBytes);
        byte[] bodyBytes = raw.bytes(1);
        byte[] authInfoBytes = raw.bytes(2);
        List<byte[]> signatures = raw.repeatedBytes(3);

        ProtoFieldReader body = ProtoFieldReader.of(bodyBytes);
        List<DecodedMsg> messages = new ArrayList<>();
        for (ProtoFieldReader any : body.messages(1)) {
            messages.add(decodeMessage(any.string(1), any.bytes(2)));
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("transaction body has no messages");
        }
        ProtoFieldReader authInfo = ProtoFieldReader.of(authInfoBytes);
        List<Signer> signers = new ArrayList<>();
        for (ProtoFieldReader s : authInfo.messages(1)) {
            ProtoFieldReader key = s.message(1);
            byte[] publicKey = key.has(2) ? ProtoFieldReader.of(key.bytes(2)).bytes(1) : new byte[0];
            int mode = (int) s.message(2).message(1).varint(1);
            signers.add(new Signer(key.string(1), publicKey, s.varint(3), mode));
        }
        if (!authInfo.has(2)) {
            throw new IllegalArgumentException("auth info has no fee");
        }
        ProtoFieldReader fee = authInfo.message(2);
        List<Coin> coins = new ArrayList<>();
        for (ProtoFieldReader c : fee.messages(1)) {
            coins.add(new Coin(c.string(1), c.string(2)));
        }
        String payer = fee.string(3);
        String granter = fee.string(4);
        Fee decodedFee = new Fee(coins, fee.varint(2), payer.isEmpty() ? null : payer,
                granter.isEmpty() ? null : granter);
        String memo = body.string(2);
        return new DecodedTx(messages, memo.isEmpty() ? null : memo, body.varint(3), signers, decodedFee, signatures,
                bodyBytes, authInfoBytes, SignedTx.hashOf(txBytes));
    }

    /** secp256k1 over keccak256(message): 64-byte r||s, low s, public key 33 or 65 bytes. */
    public static boolean verifySignature(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || (publicKey.length != 33 && publicKey.length != 65) || signature == null
                || signature.length != 64) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(Sign.CURVE_PARAMS.getN()) >= 0
                || s.compareTo(HALF_CURVE_ORDER) > 0) {
            return false;
        }
        try {
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, new ECPublicKeyParameters(CURVE.getCurve().decodePoint(publicKey), CURVE));
            return signer.verifySignature(Hash.sha3(message), r, s);
        } catch (IllegalArgumentException e) {
            return false; // not a point on the curve
        }
    }

    /**
     * The account of a public key (33-byte compressed or 65-byte uncompressed SEC1): last 20 bytes of keccak256 of the
     * uncompressed key without its 0x04 prefix. IllegalArgumentException when the bytes are not a curve point.
     */
    public static InjectiveAddress addressOf(byte[] publicKey) {
        if (publicKey == null || (publicKey.length != 33 && publicKey.length != 65)) {
            throw new IllegalArgumentException("public key must be 33 or 65 bytes");
        }
        byte[] uncompressed = CURVE.getCurve().decodePoint(publicKey).getEncoded(false);
        byte[] hash = Hash.sha3(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
        return InjectiveAddress.fromHex("0x" + HexFormat.of().formatHex(Arrays.copyOfRange(hash, 12, 32)));
    }

    /** Decodes one Any; unknown type urls come back as {@link DecodedMsg.Unknown}. */
    public static DecodedMsg decodeMessage(String typeUrl, byte[] value) {
        if ("/cosmos.bank.v1beta1.MsgSend".equals(typeUrl)) {
            ProtoFieldReader r = ProtoFieldReader.of(value);
            List<Coin> coins = new ArrayList<>();
            for (ProtoFieldReader c : r.messages(3)) {
                coins.add(new Coin(c.string(1), c.string(2)));
            }
            return new DecodedMsg.MsgSend(typeUrl, r.string(1), r.string(2), coins);
        }
        for (ExchangeVersion version : ExchangeVersion.values()) {
            String prefix = "/" + version.protoPackage() + ".";
            if (typeUrl.startsWith(prefix)) {
                DecodedMsg decoded = exchange(typeUrl, typeUrl.substring(prefix.length()), version,
                        ProtoFieldReader.of(value));
                if (decoded != null) {
                    return decoded;
                }
            }
        }
        return new DecodedMsg.Unknown(typeUrl, value);
    }

    private static DecodedMsg exchange(String typeUrl, String name, ExchangeVersion v, ProtoFieldReader r) {
        boolean v2 = v == ExchangeVersion.V2;
        return switch (name) {
            case "MsgBatchUpdateOrders" -> new DecodedMsg.BatchUpdateOrders(typeUrl, v, r.string(1), r.string(2),
                    r.strings(3), r.strings(4), list(r, 5, InjectiveTxDecoder::orderData),
                    list(r, 6, InjectiveTxDecoder::orderData), list(r, 7, m -> spotOrder(m, v2)),
                    list(r, 8, m -> derivativeOrder(m, v2)), list(r, 9, InjectiveTxDecoder::orderData),
                    r.strings(10), list(r, 11, m -> derivativeOrder(m, v2)),
                    v2 ? list(r, 12, m -> spotOrder(m, true)) : List.of(),
                    v2 ? list(r, 13, m -> derivativeOrder(m, true)) : List.of(),
                    v2 ? list(r, 14, m -> derivativeOrder(m, true)) : List.of());
            case "MsgCreateSpotLimitOrder" -> new DecodedMsg.CreateSpotLimitOrder(typeUrl, v, r.string(1),
                    spotOrder(r.message(2), v2));
            case "MsgCreateDerivativeLimitOrder" -> new DecodedMsg.CreateDerivativeLimitOrder(typeUrl, v, r.string(1),
                    derivativeOrder(r.message(2), v2));
            case "MsgCancelSpotOrder" -> new DecodedMsg.CancelSpotOrder(typeUrl, v, r.string(1), r.string(2),
                    r.string(3), r.string(4), r.string(5));
            case "MsgCancelDerivativeOrder" -> new DecodedMsg.CancelDerivativeOrder(typeUrl, v, r.string(1),
                    r.string(2), r.string(3), r.string(4), (int) r.varint(5), r.string(6));
            case "MsgBatchCancelSpotOrders" -> new DecodedMsg.BatchCancelSpotOrders(typeUrl, v, r.string(1),
                    list(r, 2, InjectiveTxDecoder::orderData));
            case "MsgBatchCancelDerivativeOrders" -> new DecodedMsg.BatchCancelDerivativeOrders(typeUrl, v,
                    r.string(1), list(r, 2, InjectiveTxDecoder::orderData));
            default -> null;
        };
    }

    private static <T> List<T> list(ProtoFieldReader r, int field, Function<ProtoFieldReader, T> decode) {
        List<T> out = new ArrayList<>();
        for (ProtoFieldReader m : r.messages(field)) {
            out.add(decode.apply(m));
        }
        return List.copyOf(out);
    }

    private static DecodedMsg.OrderInfo orderInfo(ProtoFieldReader r) {
        return new DecodedMsg.OrderInfo(r.string(1), r.string(2), dec(r, 3), dec(r, 4), r.string(5));
    }

    private static DecodedMsg.SpotOrder spotOrder(ProtoFieldReader r, boolean v2) {
        return new DecodedMsg.SpotOrder(r.string(1), orderInfo(r.message(2)), (int) r.varint(3), dec(r, 4),
                v2 ? r.varint(5) : 0);
    }

    private static DecodedMsg.DerivativeOrder derivativeOrder(ProtoFieldReader r, boolean v2) {
        return new DecodedMsg.DerivativeOrder(r.string(1), orderInfo(r.message(2)), (int) r.varint(3), dec(r, 4),
                dec(r, 5), v2 ? r.varint(6) : 0);
    }

    private static DecodedMsg.OrderData orderData(ProtoFieldReader r) {
        return new DecodedMsg.OrderData(r.string(1), r.string(2), r.string(3), (int) r.varint(4), r.string(5));
    }

    /** LegacyDec wire form (integer x 10^18 as a string) to its exact value; null when absent. */
    private static BigDecimal dec(ProtoFieldReader r, int field) {
        if (!r.has(field)) {
            return null;
        }
        return fromLegacyDecWire(r.string(field));
    }

    /** "36100000000000000000" -> 36.1 (exact, trailing zeros stripped, never in exponent form). */
    public static BigDecimal fromLegacyDecWire(String wire) {
        if (wire == null || !wire.matches("-?[0-9]+")) {
            throw new IllegalArgumentException("not a LegacyDec wire integer: " + wire);
        }
        BigDecimal value = new BigDecimal(new BigInteger(wire), LegacyDec.PRECISION).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private InjectiveTxDecoder() {
    }
}
