package io.mmplatform.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.Coin;
import io.mmplatform.common.injective.Fee;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveKeys;
import io.mmplatform.common.injective.InjectiveKeys.PublicKeyForm;
import io.mmplatform.common.injective.InjectiveMessages;
import io.mmplatform.common.injective.InjectiveTxBuilder;
import io.mmplatform.common.injective.SignedTx;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./mm inj ...}: an Injective key's addresses, and a transaction built and signed offline (nothing is sent). */
@Command(name = "inj", description = "Injective: show a key's addresses, or build and sign a transaction offline.",
        subcommands = {InjCommand.Address.class, InjCommand.Tx.class})
final class InjCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The key from {@code --key}; the error never repeats the value (it is a secret). */
    static ECKeyPair keyPair(CommandSpec spec, String hex) {
        try {
            return InjectiveKeys.keyPair(hex == null ? null : hex.strip());
        } catch (IllegalArgumentException e) {
            // InjectiveKeys' messages describe the problem, never the value
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--key must be 64 hex digits (optionally 0x-prefixed) of a valid secp256k1 key: " + e.getMessage());
        }
    }

    static String compact(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "address", description = {
            "Print the key's inj1 address, its 0x address and its default subaccount id, and as the last line "
                    + "{\"address\":\"inj1..\",\"ethAddress\":\"0x..\",\"subaccountId\":\"0x..\"}."})
    static final class Address implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "HEX",
                description = "private key, 64 hex digits (0x optional); never printed")
        String key;

        @Override
        public void run() {
            InjectiveAddress address = InjectiveAddress.fromKey(keyPair(spec, key));
            PrintWriter out = spec.commandLine().getOut();
            out.println("address       " + address.bech32());
            out.println("eth address   " + address.hex());
            out.println("subaccount 0  " + address.defaultSubaccountId());
            ObjectNode json = Json.MAPPER.createObjectNode()
                    .put("address", address.bech32())
                    .put("ethAddress", address.hex())
                    .put("subaccountId", address.defaultSubaccountId());
            out.println(compact(json));
            out.flush();
        }
    }

    /**
     * One transaction, SIGN_MODE_DIRECT, as {@code injectived tx ... --generate-only} would describe it; the output is
     * what {@code POST /cosmos/tx/v1beta1/txs} takes as {@code tx_bytes}.
     */
    @Command(name = "tx", description = {
            "Build and sign one Injective transaction offline and print as the last line "
                    + "{\"txBytes\":\"<base64>\",\"txHash\":\"<hex>\"}.",
            "Each --msg is a Cosmos proto3 JSON message with @type and snake_case fields, as "
                    + "'injectived tx ... --generate-only' prints them."})
    static final class Tx implements Runnable {
        /** Cosmos SDK coin: an integer amount followed by a denom (sdk.Coin's denom pattern). */
        private static final Pattern COIN = Pattern.compile("([0-9]+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})");

        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "HEX",
                description = "private key, 64 hex digits (0x optional); never printed")
        String key;

        @Option(names = "--chain-id", required = true, paramLabel = "ID",
                description = "injective-1 (mainnet) or injective-888 (testnet)")
        String chainId;

        @Option(names = "--account-number", required = true, paramLabel = "N",
                description = "from GET {lcd}/cosmos/auth/v1beta1/accounts/{address}")
        long accountNumber;

        @Option(names = "--sequence", required = true, paramLabel = "S", description = "the account's next sequence")
        long sequence;

        @Option(names = "--gas", required = true, paramLabel = "G", description = "gas limit")
        long gas;

        @Option(names = "--fee", required = true, paramLabel = "AMOUNTDENOM",
                description = "fee as <integer><denom>, e.g. 100000000000000inj; several coins comma-separated")
        String fee;

        @Option(names = "--memo", paramLabel = "M", description = "memo")
        String memo;

        @Option(names = "--timeout-height", paramLabel = "H", description = "block height after which the tx is void")
        long timeoutHeight;

        @Option(names = "--uncompressed-pubkey",
                description = "put the 65-byte public key in the tx (old SDKs); default the 33-byte compressed key")
        boolean uncompressedPublicKey;

        @Option(names = "--msg", required = true, paramLabel = "JSON",
                description = "a message, repeatable; e.g. '{\"@type\":\"/cosmos.bank.v1beta1.MsgSend\","
                        + "\"from_address\":\"inj1..\",\"to_address\":\"inj1..\",\"amount\":[{\"denom\":\"inj\","
                        + "\"amount\":\"1\"}]}'")
        List<String> messages;

        @Override
        public void run() {
            ECKeyPair pair = keyPair(spec, key);
            if (chainId == null || chainId.isBlank()) {
                throw bad("--chain-id must not be blank");
            }
            if (accountNumber < 0) {
                throw bad("--account-number must not be negative");
            }
            if (sequence < 0) {
                throw bad("--sequence must not be negative");
            }
            if (gas <= 0) {
                throw bad("--gas must be positive");
            }
            if (timeoutHeight < 0) {
                throw bad("--timeout-height must not be negative");
            }
            List<Coin> coins = parseFee(fee);
            List<JsonNode> trees = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                JsonNode tree = parseMessage(messages.get(i), i + 1);
                try {
                    InjectiveMessages.encode(tree); // checked here so the error names the --msg
                } catch (IllegalArgumentException e) {
                    throw bad("--msg " + (i + 1) + ": " + e.getMessage());
                }
                trees.add(tree);
            }
            PublicKeyForm form = uncompressedPublicKey ? PublicKeyForm.UNCOMPRESSED : PublicKeyForm.COMPRESSED;
            SignedTx tx = InjectiveTxBuilder.sign(pair, form, chainId.strip(), accountNumber, sequence,
                    new Fee(coins, gas), memo, timeoutHeight, trees);

            InjectiveAddress signer = InjectiveAddress.fromKey(pair);
            warnIfNotTheSigner(trees, signer);
            PrintWriter out = spec.commandLine().getOut();
            out.println("chain        " + chainId.strip());
            out.println("signer       " + signer.bech32() + " (" + signer.hex() + ")");
            out.println("account      " + accountNumber + "  sequence " + sequence);
            out.println("fee          " + fee.strip() + "  gas " + gas);
            for (JsonNode tree : trees) {
                out.println("message      " + tree.get("@type").asText());
            }
            out.println("public key   " + (uncompressedPublicKey ? "uncompressed (65 bytes)" : "compressed (33 bytes)"));
            out.println("tx hash      " + tx.hash());
            ObjectNode json = Json.MAPPER.createObjectNode()
                    .put("txBytes", tx.txBytesBase64())
                    .put("txHash", tx.hash());
            out.println(compact(json));
            out.flush();
        }

        private CommandLine.ParameterException bad(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        List<Coin> parseFee(String text) {
            String usage = "--fee must be <integer><denom>[,<integer><denom>...], e.g. 100000000000000inj, got '"
                    + text + "'";
            List<Coin> coins = new ArrayList<>();
            for (String part : text.strip().split(",", -1)) {
                Matcher m = COIN.matcher(part.strip());
                if (!m.matches()) {
                    throw bad(usage);
                }
                coins.add(new Coin(m.group(2), new BigInteger(m.group(1)).toString()));
            }
            return coins;
        }

        private JsonNode parseMessage(String json, int number) {
            JsonNode tree;
            try {
                tree = Json.MAPPER.readerFor(JsonNode.class)
                        .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readValue(json);
            } catch (JsonProcessingException e) {
                throw bad("--msg " + number + " is not valid JSON: " + e.getOriginalMessage());
            }
            if (tree == null || !tree.isObject()) {
                throw bad("--msg " + number + " must be a JSON object with an @type");
            }
            return tree;
        }

        /** The chain refuses a message whose signer is not the key's address; say so before the operator sends it. */
        private void warnIfNotTheSigner(List<JsonNode> trees, InjectiveAddress signer) {
            for (int i = 0; i < trees.size(); i++) {
                for (String field : List.of("sender", "from_address")) {
                    JsonNode value = trees.get(i).get(field);
                    if (value != null && value.isTextual() && !value.textValue().equals(signer.bech32())) {
                        spec.commandLine().getErr().println("mm: warning: --msg " + (i + 1) + " " + field + " "
                                + value.textValue() + " is not the signer " + signer.bech32()
                                + "; the chain will refuse it");
                        spec.commandLine().getErr().flush();
                    }
                }
            }
        }
    }
}
