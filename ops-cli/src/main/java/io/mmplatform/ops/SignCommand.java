package io.mmplatform.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.Signature;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code ./mm sign ...}: shows an operator exactly what a venue request signs. */
@Command(name = "sign", description = "Sign a venue action offline and print the signature (nothing is sent).",
        subcommands = SignCommand.Hyperliquid.class)
final class SignCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Hyperliquid L1 action ("phantom agent") signing. The action JSON is hashed with its keys in the order given,
     * as the venue does; numbers must be integers (prices and sizes are strings on the venue).
     */
    @Command(name = "hyperliquid", description = {
            "Sign a Hyperliquid L1 action (EIP-712 phantom agent) and print as the last line "
                    + "{\"r\":\"0x..\",\"s\":\"0x..\",\"v\":27}.",
            "Key order in --action is kept exactly (it is part of the hash); floating-point numbers are refused."})
    static final class Hyperliquid implements Callable<Integer> {
        private static final Pattern KEY = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "HEX",
                description = "private key, 64 hex digits (0x optional); never printed")
        String key;

        @Option(names = "--nonce", required = true, paramLabel = "N", description = "the request's nonce (epoch ms on the venue)")
        long nonce;

        @Option(names = "--testnet", description = "sign for testnet (source 'b'); default mainnet (source 'a')")
        boolean testnet;

        @Option(names = "--vault", paramLabel = "ADDR", description = "vault or sub-account address the action is for")
        String vault;

        @Option(names = "--expires-after", paramLabel = "MS", description = "expiresAfter (epoch ms), when the request sets it")
        Long expiresAfter;

        @Option(names = "--action", required = true, paramLabel = "JSON", description = "the action object, e.g. "
                + "'{\"type\":\"scheduleCancel\",\"time\":1700000000000}'")
        String action;

        @Override
        public Integer call() {
            ECKeyPair pair = keyPair(key);
            JsonNode tree = parseAction(action);
            if (nonce < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--nonce must not be negative");
            }
            if (expiresAfter != null && expiresAfter < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expires-after must not be negative");
            }
            String vaultAddress = vault == null ? null : vault.toLowerCase();
            byte[] actionHash;
            try {
                actionHash = HyperliquidSigner.actionHash(tree, nonce, vaultAddress, expiresAfter);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Signature signature = HyperliquidSigner.signL1Action(pair, tree, nonce, vaultAddress, expiresAfter, !testnet);
            PrintWriter out = spec.commandLine().getOut();
            out.println("network      " + (testnet ? "testnet (source b)" : "mainnet (source a)"));
            out.println("signer       " + HyperliquidSigner.address(pair));
            out.println("action       " + compact(tree));
            out.println("action hash  0x" + HexFormat.of().formatHex(actionHash));
            out.println("digest       0x" + HexFormat.of().formatHex(HyperliquidSigner.agentDigest(actionHash, !testnet)));
            out.println(compact(signature.toJson()));
            out.flush();
            return 0;
        }

        private ECKeyPair keyPair(String hex) {
            // the message never repeats the value: it is a secret
            if (hex == null || !KEY.matcher(hex.strip()).matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--key must be 64 hex digits (optionally 0x-prefixed)");
            }
            String digits = hex.strip();
            digits = digits.startsWith("0x") || digits.startsWith("0X") ? digits.substring(2) : digits;
            BigInteger value = new BigInteger(digits, 16);
            if (value.signum() == 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key must not be zero");
            }
            return ECKeyPair.create(value);
        }

        private JsonNode parseAction(String json) {
            JsonNode tree;
            try {
                tree = Json.MAPPER.readerFor(JsonNode.class)
                        .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readValue(json);
            } catch (JsonProcessingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--action is not valid JSON: " + e.getOriginalMessage());
            }
            if (tree == null || !tree.isObject()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--action must be a JSON object");
            }
            String problem = firstNonInteger(tree, "$");
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--action has a floating-point number at "
                        + problem + ": the venue hashes prices and sizes as strings (write \"100.5\", not 100.5)");
            }
            return tree;
        }

        /** The JSON path and text of the first number that is not an integer literal, or null. */
        static String firstNonInteger(JsonNode node, String path) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String found = firstNonInteger(field.getValue(), path + "." + field.getKey());
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = firstNonInteger(node.get(i), path + "[" + i + "]");
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isNumber() && !node.isIntegralNumber()) {
                return path + " (" + node.asText() + ")";
            }
            return null;
        }

        private static String compact(JsonNode node) {
            try {
                return Json.MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
