package org.ebc.gateway.verify;

import java.time.Instant;
import org.ebc.units.NodeId;

/**
 * The verifier's port to the account pool's certificates. Implementations must be thread-safe and cheap
 * (the verifier asks once per reading): cache keys and certificate checks, and re-judge only what can
 * change (the clock against the validity period, the revocation list when it is reloaded).
 */
public interface NodeDirectory {

    /** The node's standing at {@code now}; {@link NodeStanding#UNKNOWN} when no certificate is bound. */
    NodeStanding standing(NodeId node, Instant now);
}
