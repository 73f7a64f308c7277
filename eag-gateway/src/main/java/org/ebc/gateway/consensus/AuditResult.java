package org.ebc.gateway.consensus;

/**
 * The block validator's verdict on a block: ok, or the chain's reason code (its enum constant's name, for
 * example {@code INSUFFICIENT_WORK} or {@code BAD_MERKLE_ROOT}) with a detail for the log line.
 */
public record AuditResult(boolean ok, String reason, String detail) {
    private static final AuditResult OK = new AuditResult(true, "OK", "ok");

    public static AuditResult valid() {
        return OK;
    }

    public static AuditResult refused(String reason, String detail) {
        return new AuditResult(false, reason, detail);
    }
}
