package io.mmplatform.quoting.domain;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bot's parameters for one market: the market's overrides first, then the bot's defaults, then the strategy's
 * default. Every read names its field, so a bad value is refused with the path an operator can fix
 * ({@code params.spread-bps}, {@code overrides.SOL.spread-bps}). Values are strings (decimals stay exact).
 */
public final class Params {
    private final Map<String, String> defaults;
    private final Map<String, String> overrides;
    private final String market;
    private final Set<String> read = new HashSet<>();

    public Params(Map<String, String> defaults, Map<String, String> overrides, String market) {
        this.defaults = Map.copyOf(defaults);
        this.overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        this.market = market;
    }

    public static Params of(Map<String, String> values) {
        return new Params(values, Map.of(), "");
    }

    public String market() {
        return market;
    }

    private String raw(String key) {
        read.add(key);
        String v = overrides.get(key);
        return v != null ? v : defaults.get(key);
    }

    /** The field path of a key as the definition spells it. */
    public String path(String key) {
        return overrides.containsKey(key) ? "overrides." + market + "." + key : "params." + key;
    }

    public boolean has(String key) {
        return raw(key) != null;
    }

    public String text(String key, String def) {
        String v = raw(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public BigDecimal decimal(String key, String def) {
        String v = raw(key);
        if (v == null || v.isBlank()) {
            if (def == null) {
                throw new InvalidDefinitionException(path(key), "is required");
            }
            return new BigDecimal(def);
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidDefinitionException(path(key), "must be a decimal number, got '" + v + "'");
        }
    }

    /** A required decimal. */
    public BigDecimal decimal(String key) {
        return decimal(key, null);
    }

    /** A decimal that must be > 0. */
    public BigDecimal positive(String key, String def) {
        BigDecimal v = decimal(key, def);
        if (v.signum() <= 0) {
            throw new InvalidDefinitionException(path(key), "must be positive, got " + v.toPlainString());
        }
        return v;
    }

    /** A decimal that must be >= 0. */
    public BigDecimal nonNegative(String key, String def) {
        BigDecimal v = decimal(key, def);
        if (v.signum() < 0) {
            throw new InvalidDefinitionException(path(key), "must be >= 0, got " + v.toPlainString());
        }
        return v;
    }

    /** A decimal in [min, max]. */
    public BigDecimal between(String key, String def, String min, String max) {
        BigDecimal v = decimal(key, def);
        if (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0) {
            throw new InvalidDefinitionException(path(key), "must be between " + min + " and " + max + ", got "
                    + v.toPlainString());
        }
        return v;
    }

    public int integer(String key, int def, int min, int max) {
        String v = raw(key);
        int value;
        if (v == null || v.isBlank()) {
            value = def;
        } else {
            try {
                value = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new InvalidDefinitionException(path(key), "must be a whole number, got '" + v + "'");
            }
        }
        if (value < min || value > max) {
            throw new InvalidDefinitionException(path(key), "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public long longValue(String key, long def, long min, long max) {
        String v = raw(key);
        long value;
        if (v == null || v.isBlank()) {
            value = def;
        } else {
            try {
                value = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new InvalidDefinitionException(path(key), "must be a whole number, got '" + v + "'");
            }
        }
        if (value < min || value > max) {
            throw new InvalidDefinitionException(path(key), "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public boolean bool(String key, boolean def) {
        String v = raw(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidDefinitionException(path(key), "must be true or false, got '" + v + "'");
        };
    }

    /** One of an enum's constants, written in any case with '-' for '_' (single-sided: off, bid, ask, auto). */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E def) {
        String v = raw(key);
        if (v == null || v.isBlank()) {
            if (def == null) {
                throw new InvalidDefinitionException(path(key), "is required");
            }
            return def;
        }
        String name = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new InvalidDefinitionException(path(key), "must be one of " + allowed + ", got '" + v + "'");
    }

    /**
     * Refuses keys no reader asked for (a typo must not be silently ignored). Call after the strategy and the
     * controls read their parameters.
     */
    public void rejectUnknown() {
        for (String key : new TreeSet<>(defaults.keySet())) {
            if (!read.contains(key)) {
                throw new InvalidDefinitionException("params." + key, "is not a parameter of this bot's strategy");
            }
        }
        for (String key : new TreeSet<>(overrides.keySet())) {
            if (!read.contains(key)) {
                throw new InvalidDefinitionException("overrides." + market + "." + key,
                        "is not a parameter of this bot's strategy");
            }
        }
    }
}
