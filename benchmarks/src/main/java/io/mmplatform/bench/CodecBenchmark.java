package io.mmplatform.bench;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decoding what every consumer of the trading path decodes per record: a reference (quoting, risk, portfolio) and a
 * 4-order intent (execution, risk). {@code *EnvelopeFirst} is a record as the platform writes it (one streaming
 * pass); {@code *EnvelopeLast} has the type and version after the fields, which takes the tree path (parse to a
 * tree, check, bind from the tree): the cost of decoding before the streaming pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private final String intent = Codecs.QUOTE_INTENT.encode(new QuoteIntent("w1", "hyperliquid", "M001", 123_456L,
            "ladder", new BigDecimal("100.0125"), 1_764_000_000_000L, 1_764_000_000_000_000_000L, List.of(
            new DesiredOrder("b0", Side.BUY, new BigDecimal("99.9"), new BigDecimal("0.5"), TimeInForce.ALO),
            new DesiredOrder("b1", Side.BUY, new BigDecimal("99.85"), new BigDecimal("0.5"), TimeInForce.ALO),
            new DesiredOrder("a0", Side.SELL, new BigDecimal("100.11"), new BigDecimal("0.5"), TimeInForce.ALO),
            new DesiredOrder("a1", Side.SELL, new BigDecimal("100.16"), new BigDecimal("0.5"), TimeInForce.ALO))));
    private final String reference = Codecs.REFERENCE_PRICE.encode(new ReferencePrice("M001", "pyth",
            new BigDecimal("100.0125"), new BigDecimal("0.0125"), 1_764_000_000_000L, 1_764_000_000_000_000_000L));
    private final String intentEnvelopeLast = envelopeLast(intent);
    private final String referenceEnvelopeLast = envelopeLast(reference);

    /** {"type":"x","v":1,rest} -> {rest,"type":"x","v":1} */
    private static String envelopeLast(String json) {
        int bodyStart = json.indexOf(',', json.indexOf(",\"v\":") + 1);
        String envelope = json.substring(1, bodyStart);
        return "{" + json.substring(bodyStart + 1, json.length() - 1) + "," + envelope + "}";
    }

    @Benchmark
    public QuoteIntent intentEnvelopeFirst() {
        return Codecs.QUOTE_INTENT.decode(intent);
    }

    @Benchmark
    public QuoteIntent intentEnvelopeLast() {
        return Codecs.QUOTE_INTENT.decode(intentEnvelopeLast);
    }

    @Benchmark
    public ReferencePrice referenceEnvelopeFirst() {
        return Codecs.REFERENCE_PRICE.decode(reference);
    }

    @Benchmark
    public ReferencePrice referenceEnvelopeLast() {
        return Codecs.REFERENCE_PRICE.decode(referenceEnvelopeLast);
    }
}
