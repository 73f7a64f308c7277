package org.ebc.gateway.authority;

/**
 * The free-text names the operator types: the authority's name (its root's CN) and a node owner's true
 * identity (the UID of its certificate). Both end up in X.509 subjects and in table output, so control
 * characters and surrounding blanks are refused rather than stored.
 */
final class Names {
    static final int MAX_AUTHORITY_NAME = 64;
    static final int MAX_TRUE_IDENTITY = 128;

    private Names() {}

    static String requireAuthorityName(String name) {
        return require("authority name", name, MAX_AUTHORITY_NAME);
    }

    static String requireTrueIdentity(String identity) {
        return require("true identity", identity, MAX_TRUE_IDENTITY);
    }

    private static String require(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new AuthorityRefusal(RefusalReason.BAD_NAME, "the " + what + " must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_NAME, "the " + what + " '" + value + "' starts or ends with blanks");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_NAME, "the " + what + " is longer than " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new AuthorityRefusal(RefusalReason.BAD_NAME, "the " + what + " contains control characters");
        }
        return value;
    }
}
