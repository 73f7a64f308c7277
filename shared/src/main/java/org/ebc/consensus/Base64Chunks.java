package org.ebc.consensus;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opaque bytes (a block, an embedded proposal) inside a signed JSON payload: standard Base64 cut into
 * strings of at most {@value #CHUNK} characters, because the strict JSON reader refuses strings over
 * 16 KiB. Decoding joins the strings and decodes them strictly.
 */
final class Base64Chunks {
    static final int CHUNK = 16_000;

    private Base64Chunks() {}

    static List<String> encode(byte[] data) {
        String all = Base64.getEncoder().encodeToString(data);
        List<String> out = new ArrayList<>(all.length() / CHUNK + 1);
        for (int at = 0; at < all.length(); at += CHUNK) {
            out.add(all.substring(at, Math.min(all.length(), at + CHUNK)));
        }
        return out;
    }

    /** The bytes, or null if a chunk is empty, too long, or the whole is not Base64. */
    static byte @Nullable [] decode(List<String> chunks) {
        StringBuilder all = new StringBuilder();
        for (String c : chunks) {
            if (c.isEmpty() || c.length() > CHUNK) {
                return null;
            }
            all.append(c);
        }
        try {
            return Base64.getDecoder().decode(all.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
