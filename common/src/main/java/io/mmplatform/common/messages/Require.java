package io.mmplatform.common.messages;

import java.math.BigDecimal;

/** Field checks for message records: a bad field names itself in the exception. */
final class Require {
    static void text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }

    static void positive(BigDecimal value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value.toPlainString());
        }
    }

    private Require() {
    }
}
