package org.ebc.consensus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The shape the SHA-256 digests on the consensus wire share: 64 lowercase hex characters. */
final class HexDigest {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

    private HexDigest() {}

    static boolean isValid(String hex) {
        return SHAPE.matcher(hex).matches();
    }

    static String require(String what, String hex) {
        if (!isValid(hex)) {
            throw new IllegalArgumentException(what + " must be 64 lowercase hex characters");
        }
        return hex;
    }

    static String hexOf(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return HexFormat.of().formatHex(digest);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
