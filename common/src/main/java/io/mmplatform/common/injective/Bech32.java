package io.mmplatform.common.injective;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** BIP-173 bech32 (the original checksum constant 1, which Cosmos addresses use; not bech32m). */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** The data bytes are regrouped from 8-bit to 5-bit words before encoding, as Cosmos does. */
    public static String encode(String hrp, byte[] data) {
        if (hrp == null || hrp.isEmpty() || !hrp.equals(hrp.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("bech32 prefix must be non-empty lowercase: " + hrp);
        }
        byte[] words = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, words);
        StringBuilder out = new StringBuilder(hrp.length() + 1 + words.length + 6).append(hrp).append('1');
        for (byte w : words) {
            out.append(CHARSET.charAt(w));
        }
        for (byte c : checksum) {
            out.append(CHARSET.charAt(c));
        }
        return out.toString();
    }

    /** Decodes and checks the checksum; returns the 8-bit data. */
    public static Decoded decode(String text) {
        if (text == null || text.length() < 8 || text.length() > 90) {
            throw new IllegalArgumentException("bech32 string has an invalid length: " + text);
        }
        if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("bech32 string mixes upper and lower case: " + text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.length()) {
            throw new IllegalArgumentException("bech32 separator misplaced: " + text);
        }
        String hrp = lower.substring(0, separator);
        for (char c : hrp.toCharArray()) {
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("bech32 prefix has an invalid character: " + text);
            }
        }
        byte[] words = new byte[lower.length() - separator - 1];
        for (int i = 0; i < words.length; i++) {
            int value = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (value < 0) {
                throw new IllegalArgumentException("bech32 data has an invalid character: " + text);
            }
            words[i] = (byte) value;
        }
        if (polymod(expand(hrp), words) != 1) {
            throw new IllegalArgumentException("bech32 checksum does not match: " + text);
        }
        byte[] payload = new byte[words.length - 6];
        System.arraycopy(words, 0, payload, 0, payload.length);
        return new Decoded(hrp, convertBits(payload, 5, 8, false));
    }

    public record Decoded(String hrp, byte[] data) {
        public Decoded {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    private static byte[] checksum(String hrp, byte[] words) {
        byte[] withZeros = new byte[words.length + 6];
        System.arraycopy(words, 0, withZeros, 0, words.length);
        int mod = polymod(expand(hrp), withZeros) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return out;
    }

    private static byte[] expand(String hrp) {
        byte[] out = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            out[i] = (byte) (hrp.charAt(i) >> 5);
            out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static int polymod(byte[] hrpExpanded, byte[] words) {
        int chk = 1;
        for (byte[] part : new byte[][] {hrpExpanded, words}) {
            for (byte v : part) {
                int top = chk >>> 25;
                chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
                for (int i = 0; i < 5; i++) {
                    if (((top >>> i) & 1) != 0) {
                        chk ^= GENERATOR[i];
                    }
                }
            }
        }
        return chk;
    }

    private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxValue = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : data) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("bech32 word out of range");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxValue);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxValue) != 0) {
            throw new IllegalArgumentException("bech32 data has invalid padding");
        }
        return out.toByteArray();
    }

    private Bech32() {
    }
}
