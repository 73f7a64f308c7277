package org.ebc.gateway.payment;

import org.ebc.units.NodeId;

/** The consortium's blacklist of defaulting borrowers (Part F): their transfers are refused. */
@FunctionalInterface
public interface Blacklist {
    /** Nobody is blacklisted (until Part F provides the list). */
    Blacklist NONE = node -> false;

    boolean isBlacklisted(NodeId node);
}
