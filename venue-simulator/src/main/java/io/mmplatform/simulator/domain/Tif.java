package io.mmplatform.simulator.domain;

/** Time in force of a limit order: good till cancel, immediate or cancel, add liquidity only (post-only). */
public enum Tif {
    GTC("Gtc"), IOC("Ioc"), ALO("Alo");

    private final String wire;

    Tif(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses the venue's spelling (Gtc, Ioc, Alo); null when unknown. */
    public static Tif fromWire(String text) {
        for (Tif tif : values()) {
            if (tif.wire.equals(text)) {
                return tif;
            }
        }
        return null;
    }
}
