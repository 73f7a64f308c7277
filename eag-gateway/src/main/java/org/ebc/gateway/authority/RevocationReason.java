package org.ebc.gateway.authority;

import java.util.Locale;
import java.util.Optional;

/** Why a certificate was revoked: the RFC 5280 reason codes an authority of meters needs. */
public enum RevocationReason {
    UNSPECIFIED,
    /** The private key left the device or the device was tampered with. */
    KEY_COMPROMISE,
    /** Replaced by a newer certificate for the same id ({@code --replace}). */
    SUPERSEDED,
    /** The meter or gateway was taken out of service. */
    CESSATION_OF_OPERATION,
    /** The meter changed owner (its true identity no longer holds). */
    AFFILIATION_CHANGED;

    /** The name used on the command line and in the registry, e.g. {@code key-compromise}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts the label ({@code key-compromise}) or the constant name, in any case. */
    public static Optional<RevocationReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RevocationReason r : values()) {
            if (r.name().equals(norm)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static String labels() {
        StringBuilder b = new StringBuilder();
        for (RevocationReason r : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(r.label());
        }
        return b.toString();
    }
}
