package io.mmplatform.common.injective;

import java.util.List;

/** {@code cosmos.tx.v1beta1.AuthInfo {1 signer_infos, 2 fee}}. */
public record AuthInfo(List<SignerInfo> signerInfos, Fee fee) {

    public AuthInfo {
        signerInfos = List.copyOf(signerInfos);
        if (signerInfos.isEmpty()) {
            throw new IllegalArgumentException("at least one signer is required");
        }
        if (fee == null) {
            throw new IllegalArgumentException("fee is required");
        }
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter();
        for (SignerInfo signer : signerInfos) {
            w.message(1, signer.encode());
        }
        return w.message(2, fee.encode()).toByteArray();
    }
}
