package io.mmplatform.simulator.domain;

/** Order side with the venue's one-letter codes: B = bid (buy), A = ask (sell). */
public enum Side {
    BID("B"), ASK("A");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Side ofBuy(boolean isBuy) {
        return isBuy ? BID : ASK;
    }

    public Side opposite() {
        return this == BID ? ASK : BID;
    }

    /** +1 for a buy, -1 for a sell. */
    public int sign() {
        return this == BID ? 1 : -1;
    }
}
