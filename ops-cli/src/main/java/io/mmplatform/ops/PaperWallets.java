package io.mmplatform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mmplatform.common.codec.Json;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper wallets' keys: generated on first run into run/wallets.json (owner-only), read by execution-service.
 * This class hands out ids and addresses; the keys stay in the file.
 */
public final class PaperWallets {
    /** A wallet as shown to operators: never the key. */
    public record Wallet(String id, String address) {
    }

    private PaperWallets() {
    }

    /** Creates the file with {@code count} new keys if it does not exist; returns the wallets in it. */
    public static List<Wallet> ensure(Path file, int count) {
        try {
            if (!Files.exists(file)) {
                ArrayNode wallets = Json.MAPPER.createArrayNode();
                for (int i = 1; i <= count; i++) {
                    ECKeyPair pair = Keys.createEcKeyPair();
                    wallets.addObject().put("id", "w" + i)
                            .put("privateKey", Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64));
                }
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(wallets));
                Files.move(tmp, file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write paper wallets to " + file, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key", e);
        }
    }

    public static List<Wallet> read(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readString(file));
            List<Wallet> wallets = new ArrayList<>();
            for (JsonNode wallet : root) {
                String address = Credentials.create(wallet.path("privateKey").asText()).getAddress();
                wallets.add(new Wallet(wallet.path("id").asText(), address));
            }
            return wallets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read wallets from " + file, e);
        }
    }
}
