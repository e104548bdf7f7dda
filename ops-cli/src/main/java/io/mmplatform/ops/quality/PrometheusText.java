package io.mmplatform.ops.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of a Prometheus text exposition (what a Quarkus service serves on {@code /q/metrics}, format 0.0.4):
 * one sample a line, {@code name{label="value",...} value [timestamp]}. Lenient on purpose, since a report must not
 * fail on a line it does not need: comments ({@code # HELP}, {@code # TYPE}) and blank lines are skipped, and so is a
 * line that cannot be read, or whose value is not a finite number ({@code NaN}, {@code +Inf}). Label values are
 * unescaped ({@code \\}, {@code \"}, {@code \n}). Values are exact decimals as written ({@code 3.0}, {@code 1.5E3}).
 */
public final class PrometheusText {

    /** One sample; labels sorted by name. */
    public record Sample(String name, Map<String, String> labels, BigDecimal value) {
        public Sample {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        public String label(String label) {
            return labels.get(label);
        }
    }

    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = line(line);
            if (sample != null) {
                out.add(sample);
            }
        }
        return out;
    }

    /** The samples of one metric family (by its exposed name, e.g. {@code x_total}). */
    public static List<Sample> named(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** One sample line, or null when it cannot be read. */
    static Sample line(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (i >= n) {
                    return null;
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (i < n && isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                String label = line.substring(start, i);
                i = skipSpaces(line, i);
                if (i >= n || line.charAt(i) != '=') {
                    return null;
                }
                i = skipSpaces(line, i + 1);
                if (i >= n || line.charAt(i) != '"') {
                    return null;
                }
                i++;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        value.append(e == 'n' ? '\n' : e);
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                labels.put(label, value.toString());
                i = skipSpaces(line, i);
                if (i < n && line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest[0].isEmpty()) {
            return null;
        }
        try {
            return new Sample(name, labels, new BigDecimal(rest[0]));
        } catch (NumberFormatException notFinite) {
            return null; // NaN, +Inf, -Inf or garbage
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private PrometheusText() {
    }
}
