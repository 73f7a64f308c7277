package org.ebc.gateway.authority;

/**
 * The registration authority refused a command because of its input or the state of its directory. The
 * message names the file or subject and what is wrong, for an operator to act on; the CLI prints it and
 * exits with status 1.
 */
public final class AuthorityRefusal extends RuntimeException {
    private final RefusalReason reason;

    public AuthorityRefusal(RefusalReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
