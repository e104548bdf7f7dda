package io.mmplatform.execution.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import org.web3j.crypto.ECKeyPair;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the wallets file: {@code [{"id":"w1","privateKey":"0x.."}]}. Errors name the file and the wallet, never the
 * key material.
 */
public final class WalletsFile {
    public static List<Wallet> load(Path file, String configKey) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("wallets file " + file.toAbsolutePath() + " (config " + configKey
                    + ") does not exist; create it (./mm up writes run/wallets.json) or point " + configKey + " at one");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            // the parser's message may quote the file's content: do not pass it on
            throw new IllegalStateException("wallets file " + file.toAbsolutePath() + " (config " + configKey
                    + ") is not readable JSON");
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalStateException("wallets file " + file.toAbsolutePath() + " (config " + configKey
                    + ") must be a non-empty JSON array of {\"id\",\"privateKey\"}");
        }
        List<Wallet> wallets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root) {
            String where = "wallets file " + file.toAbsolutePath() + " entry " + index++;
            String id = entry.path("id").asText("");
            String hex = entry.path("privateKey").asText("");
            if (id.isBlank()) {
                throw new IllegalStateException(where + ": missing id");
            }
            if (!ids.add(id)) {
                throw new IllegalStateException(where + ": duplicate wallet id '" + id + "'");
            }
            String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
            if (!digits.matches("[0-9a-fA-F]{1,64}")) {
                throw new IllegalStateException(where + " (" + id + "): privateKey must be 0x + up to 64 hex digits");
            }
            BigInteger secret = new BigInteger(digits, 16);
            if (secret.signum() == 0) {
                throw new IllegalStateException(where + " (" + id + "): privateKey must not be zero");
            }
            ECKeyPair key = ECKeyPair.create(secret);
            wallets.add(new Wallet(id, HyperliquidSigner.address(key), key));
        }
        return List.copyOf(wallets);
    }

    private WalletsFile() {
    }
}
