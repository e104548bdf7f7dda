package io.mmplatform.common.messages;

public enum Liquidity {
    MAKER, TAKER
}
