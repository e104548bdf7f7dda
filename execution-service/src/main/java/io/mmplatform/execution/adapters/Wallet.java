package io.mmplatform.execution.adapters;

import org.web3j.crypto.ECKeyPair;

import java.util.Objects;

/** A trading wallet: id, on-venue address, and its signing key. toString never shows the key. */
public final class Wallet {
    private final String id;
    private final String address;
    private final ECKeyPair key;

    public Wallet(String id, String address, ECKeyPair key) {
        this.id = Objects.requireNonNull(id, "id");
        this.address = Objects.requireNonNull(address, "address");
        this.key = Objects.requireNonNull(key, "key");
    }

    public String id() {
        return id;
    }

    /** Lowercase 0x address. */
    public String address() {
        return address;
    }

    public ECKeyPair key() {
        return key;
    }

    @Override
    public String toString() {
        return id + "=" + address;
    }
}
