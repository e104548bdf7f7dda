package io.mmplatform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds unexpected errors in the stack's logs (run/logs/*.log): every log record at ERROR level or with
 * "Exception" anywhere in it (its message or its stack trace), less an explicit, small allow-list.
 * A record starts at a line with the services' time stamp ({@code [yyyy-MM-dd ]HH:mm:ss.SSS LEVEL}); the lines after
 * it that do not start one (stack traces) belong to it. {@link #mark} and {@link #unexpectedSince} limit the scan to
 * what was written during a test's run.
 */
final class LogScan {
    /** A record's first line: [yyyy-MM-dd ]HH:mm:ss.SSS (or ,SSS) then the level. */
    private static final Pattern RECORD_START =
            Pattern.compile("^(?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{2}:\\d{2}:\\d{2}[.,]\\d{3}\\s+([A-Z]+)\\s");

    /** What may appear, and why. */
    record Allowed(String why, Pattern logFile, Pattern level, Pattern firstLine) {
        boolean matches(String file, String recordLevel, String first) {
            return logFile.matcher(file).matches() && level.matcher(recordLevel).matches() && firstLine.matcher(first).find();
        }
    }

    /** The expected ones only: dead-letter handling, and execution's warnings about unknown outcomes and 429s. */
    static final List<Allowed> ALLOWED = List.of(
            new Allowed("a consumer hands an undecodable record to its dead-letter topic",
                    Pattern.compile(".*\\.log"), Pattern.compile("WARN|INFO"), Pattern.compile("(?i)dead[- ]letter")),
            new Allowed("execution: the outcome of a venue request is unknown (the answer was lost: the JDK client"
                    + " reports the closed connection as 'header parser received no bytes'; or it timed out) and is"
                    + " settled from the venue",
                    Pattern.compile("execution-service.*\\.log"), Pattern.compile("WARN"),
                    Pattern.compile("(?i)outcome unknown|unknown outcome|outcome is unknown"
                            + "|java\\.io\\.IOException: HTTP/1\\.1 header parser received no bytes"
                            + "|java\\.net\\.http\\.HttpTimeoutException")),
            new Allowed("execution: the venue answered 429 (rate limit or burst)",
                    Pattern.compile("execution-service.*\\.log"), Pattern.compile("WARN"),
                    Pattern.compile("(?i)\\b429\\b|too many requests")),
            new Allowed("Vert.x's blocked-thread warning: the machine was too busy for an event loop for 2 s (its"
                    + " stack is a diagnostic VertxException, not an error of the service)",
                    Pattern.compile(".*\\.log"), Pattern.compile("WARN"),
                    Pattern.compile("BlockedThreadChecker\\]? .*has been blocked for")));

    static List<String> unexpected(Path logsDir) {
        return unexpectedSince(logsDir, Map.of());
    }

    /** How many lines each log holds now. */
    static Map<String, Integer> mark(Path logsDir) {
        Map<String, Integer> lines = new HashMap<>();
        for (Path log : logs(logsDir)) {
            lines.put(log.getFileName().toString(), read(log).size());
        }
        return lines;
    }

    /** The unexpected records among the lines written after {@code mark} (whole logs for files not marked). */
    static List<String> unexpectedSince(Path logsDir, Map<String, Integer> mark) {
        List<String> found = new ArrayList<>();
        for (Path log : logs(logsDir)) {
            String name = log.getFileName().toString();
            List<String> lines = read(log);
            int from = Math.min(mark.getOrDefault(name, 0), lines.size());
            found.addAll(unexpected(name, lines.subList(from, lines.size())));
        }
        return found;
    }

    private static List<Path> logs(Path logsDir) {
        try (Stream<Path> files = Files.list(logsDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the logs in " + logsDir, e);
        }
    }

    private static List<String> read(Path log) {
        try {
            // services may be writing: a partial last line is harmless here
            return Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    static List<String> unexpected(String file, List<String> lines) {
        List<String> found = new ArrayList<>();
        List<String> record = new ArrayList<>();
        String level = "";
        for (String line : lines) {
            Matcher start = RECORD_START.matcher(line);
            if (start.find()) {
                judge(file, level, record, found);
                record = new ArrayList<>();
                level = start.group(1);
            }
            record.add(line);
        }
        judge(file, level, record, found);
        return found;
    }

    private static void judge(String file, String level, List<String> record, List<String> found) {
        if (record.isEmpty()) {
            return;
        }
        boolean suspicious = level.equals("ERROR") || record.stream().anyMatch(l -> l.contains("Exception"));
        if (!suspicious) {
            return;
        }
        String first = record.get(0);
        if (ALLOWED.stream().anyMatch(a -> a.matches(file, level, first))) {
            return;
        }
        found.add(file + ": " + String.join("\n    ", record.subList(0, Math.min(record.size(), 6))));
    }

    private LogScan() {
    }
}
