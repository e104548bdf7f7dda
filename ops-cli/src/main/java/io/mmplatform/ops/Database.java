package io.mmplatform.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The portfolio's PostgreSQL database for a paper session (local paper runs: 127.0.0.1:5432, user postgres). */
final class Database {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Drops and creates the database: a paper session starts from the simulator's fresh state, so must the books. */
    static void recreate(String name, PrintStream out) {
        checkName(name);
        String host = host();
        psql(host, "drop database if exists " + name + " with (force)");
        psql(host, "create database " + name);
        out.println("postgresql   fresh database " + name + " on " + host);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ", got '" + name + "'");
        }
    }

    private static String host() {
        return System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    }

    private static String psql(String host, String sql) {
        try {
            Process process = new ProcessBuilder(List.of("psql", "-h", host, "-U",
                    System.getenv().getOrDefault("PGUSER", "postgres"), "-d", "postgres", "-tAc", sql))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":5432 (" + output.trim()
                        + "). Start it, e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("psql not found: install the PostgreSQL client, or create the database "
                    + "yourself and set PORTFOLIO_DB_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Database() {
    }
}
