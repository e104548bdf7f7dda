package io.mmplatform.common.messages;

/** GTC rests; IOC takes what it can and cancels the rest; ALO (post-only) is rejected if it would cross. */
public enum TimeInForce {
    GTC, IOC, ALO
}
