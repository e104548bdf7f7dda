package io.mmplatform.execution.domain;

/**
 * Why an order was not sent. {@code code} is a short stable tag (for metrics), {@code message} the detail.
 */
public record Rejection(String code, String message) {
    public static final String PRICE_BAND = "price_band";
    public static final String NO_REFERENCE = "no_reference";
    public static final String MAX_NOTIONAL = "max_notional";
    public static final String MAX_OPEN_ORDERS = "max_open_orders";

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
