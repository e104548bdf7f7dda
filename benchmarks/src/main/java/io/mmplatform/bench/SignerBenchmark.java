package io.mmplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.crypto.Secp256k1Signer;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

/**
 * Signing an order, execution's heaviest step per request: the secp256k1 signature alone (the project's signer next
 * to web3j's {@code Sign.signMessage}, which recovers public keys to find the recovery id), and a whole Hyperliquid
 * L1 action (msgpack, keccak, EIP-712 digest, signature). Each invocation signs a different hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignerBenchmark {
    private final ECKeyPair key = ECKeyPair.create(new BigInteger(
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16));
    private final byte[] hash = new byte[32];
    private JsonNode action;
    private long nonce = 1_764_000_000_000L;

    @Setup
    public void setup() {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("type", "order");
        ArrayNode orders = a.putArray("orders");
        for (int i = 0; i < 4; i++) { // a 2-level ladder, the pipeline benchmark's bot
            ObjectNode o = orders.addObject();
            o.put("a", 0).put("b", i < 2).put("p", i < 2 ? "99.9" + i : "100.1" + i).put("s", "0.5").put("r", false);
            o.putObject("t").putObject("limit").put("tif", "Alo");
            o.put("c", String.format("0x%032x", i + 1));
        }
        a.put("grouping", "na");
        action = a;
    }

    private byte[] nextHash() {
        long n = ++nonce;
        for (int i = 0; i < 8; i++) {
            hash[i] = (byte) (n >>> (56 - 8 * i));
        }
        return hash;
    }

    @Benchmark
    public Secp256k1Signer.RecoverableSignature secp256k1() {
        return Secp256k1Signer.sign(nextHash(), key);
    }

    @Benchmark
    public Sign.SignatureData web3jSignMessage() {
        return Sign.signMessage(nextHash(), key, false);
    }

    @Benchmark
    public Object hyperliquidOrderAction() {
        return HyperliquidSigner.signL1Action(key, action, ++nonce, null, null, false);
    }
}
