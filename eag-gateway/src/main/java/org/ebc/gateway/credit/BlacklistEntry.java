package org.ebc.gateway.credit;

import java.time.Instant;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * A borrower in default (case three), as the bank that lent broadcasts it to every EAG of the consortium.
 *
 * @param node the borrower
 * @param bank the EAG whose loan it defaulted on
 * @param token that loan
 * @param at when it was blacklisted
 */
public record BlacklistEntry(NodeId node, EagId bank, String token, Instant at) {}
