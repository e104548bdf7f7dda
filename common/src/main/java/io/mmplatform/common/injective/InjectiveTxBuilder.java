package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.injective.InjectiveKeys.PublicKeyForm;
import org.web3j.crypto.ECKeyPair;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and signs an Injective transaction in SIGN_MODE_DIRECT: encode TxBody and AuthInfo, sign
 * keccak256(SignDoc{body, auth_info, chain_id, account_number}) with eth_secp256k1, wrap in TxRaw.
 * Pure: no I/O, account number and sequence are inputs (GET /cosmos/auth/v1beta1/accounts/{address}).
 */
public final class InjectiveTxBuilder {

    /** Signs with the compressed (33-byte) public key, as current SDKs do. */
    public static SignedTx sign(String privateKeyHex, String chainId, long accountNumber, long sequence, long gasLimit,
                                List<Coin> feeCoins, String memo, long timeoutHeight, List<JsonNode> messages) {
        return sign(InjectiveKeys.keyPair(privateKeyHex), PublicKeyForm.COMPRESSED, chainId, accountNumber, sequence,
                new Fee(feeCoins, gasLimit), memo, timeoutHeight, messages);
    }

    public static SignedTx sign(ECKeyPair key, PublicKeyForm publicKeyForm, String chainId, long accountNumber,
                                long sequence, Fee fee, String memo, long timeoutHeight, List<JsonNode> messages) {
        if (key == null || publicKeyForm == null) {
            throw new IllegalArgumentException("signing key and public key form are required");
        }
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one message");
        }
        List<ProtoAny> encoded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            try {
                encoded.add(InjectiveMessages.encode(messages.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("message " + i + ": " + e.getMessage(), e);
            }
        }
        byte[] body = new TxBody(encoded, memo, timeoutHeight).encode();
        ProtoAny publicKey = InjectiveKeys.publicKeyAny(InjectiveKeys.publicKey(key, publicKeyForm));
        byte[] authInfo = new AuthInfo(List.of(new SignerInfo(publicKey, sequence)), fee).encode();
        byte[] signature = InjectiveKeys.sign(key, new SignDoc(body, authInfo, chainId, accountNumber).encode());
        byte[] txBytes = new TxRaw(body, authInfo, List.of(signature)).encode();
        return new SignedTx(txBytes, SignedTx.hashOf(txBytes));
    }

    private InjectiveTxBuilder() {
    }
}
