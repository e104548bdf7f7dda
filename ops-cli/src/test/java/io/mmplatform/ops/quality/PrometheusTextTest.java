package io.mmplatform.ops.quality;

import io.mmplatform.ops.quality.PrometheusText.Sample;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {

    /** As a Quarkus service with Micrometer serves it on /q/metrics. */
    static final String EXPOSITION = """
            # HELP execution_injective_sequence_mismatches_total Broadcasts answered code 32
            # TYPE execution_injective_sequence_mismatches_total counter
            execution_injective_sequence_mismatches_total{wallet="w1"} 3.0
            execution_injective_sequence_mismatches_total{wallet="w2",} 0.0
            # TYPE execution_injective_txs_total counter
            execution_injective_txs_total{outcome="accepted",wallet="w1"} 120.0
            execution_injective_txs_total{wallet="w1",outcome="lost"} 1.0 1764750000000
            jvm_memory_used_bytes{area="heap",id="eden space"} 1.2345678E7
            process_uptime_seconds 42.5
            http_server_requests_seconds_bucket{le="+Inf",uri="/q/metrics"} 7.0
            odd_metric{path="C:\\\\tmp",quote="say \\"hi\\"",line="a\\nb",brace="}{,"} 1
            not_a_number{x="y"} NaN
            infinite +Inf
            {broken} 1
            half{label="open 1
            """;

    @Test
    void readsNamesLabelsAndExactValues() {
        List<Sample> samples = PrometheusText.parse(EXPOSITION);
        assertEquals(List.of("execution_injective_sequence_mismatches_total", "execution_injective_sequence_mismatches_total",
                "execution_injective_txs_total", "execution_injective_txs_total", "jvm_memory_used_bytes",
                "process_uptime_seconds", "http_server_requests_seconds_bucket", "odd_metric"),
                samples.stream().map(Sample::name).toList(), "comments, NaN, +Inf and unreadable lines are skipped");
        Sample w1 = samples.get(0);
        assertEquals(Map.of("wallet", "w1"), w1.labels());
        assertEquals(0, new BigDecimal("3").compareTo(w1.value()));
        assertEquals("w2", samples.get(1).label("wallet"), "a trailing comma in the labels is allowed");
        Sample lost = samples.get(3);
        assertEquals(Map.of("wallet", "w1", "outcome", "lost"), lost.labels(), "the timestamp is not part of the value");
        assertEquals(0, BigDecimal.ONE.compareTo(lost.value()));
        assertEquals(0, new BigDecimal("12345678").compareTo(samples.get(4).value()), "exponent form");
        assertTrue(samples.get(5).labels().isEmpty());
        assertEquals(new BigDecimal("42.5"), samples.get(5).value());
        assertEquals("+Inf", samples.get(6).label("le"), "+Inf as a label value is just text");
        Sample odd = samples.get(7);
        assertEquals("C:\\tmp", odd.label("path"));
        assertEquals("say \"hi\"", odd.label("quote"));
        assertEquals("a\nb", odd.label("line"));
        assertEquals("}{,", odd.label("brace"));
    }

    @Test
    void picksOneFamilyAndSurvivesNothing() {
        assertEquals(2, PrometheusText.named(PrometheusText.parse(EXPOSITION), "execution_injective_txs_total").size());
        assertTrue(PrometheusText.parse("").isEmpty());
        assertTrue(PrometheusText.parse(null).isEmpty());
        assertTrue(PrometheusText.parse("<html>not metrics</html>\n").isEmpty());
        assertNull(PrometheusText.line("name{a=\"1\"}"), "no value");
        assertEquals(new BigDecimal("5"), PrometheusText.line("name   5  ").value());
    }
}
