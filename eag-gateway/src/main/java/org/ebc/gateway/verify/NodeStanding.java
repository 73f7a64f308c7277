package org.ebc.gateway.verify;

/**
 * Whether a node may sign readings right now, and with which credential.
 *
 * @param status the verdict on the node's certificate at the instant asked about
 * @param credential the bound credential, or null when {@link Status#UNKNOWN}
 */
public record NodeStanding(Status status, NodeCredential credential) {

    public enum Status {
        TRUSTED,
        UNKNOWN,
        EXPIRED,
        NOT_YET_VALID,
        REVOKED
    }

    public static final NodeStanding UNKNOWN = new NodeStanding(Status.UNKNOWN, null);

    public boolean isTrusted() {
        return status == Status.TRUSTED;
    }
}
