package org.ebc.gateway.payment;

import org.ebc.wallet.WalletAddress;

/**
 * Whether this EAG is the home EAG of an address (SPEC-payments: only the home EAG admits spends of an
 * address). A node registered at several EAGs has one home; the others refuse its transfers as {@link
 * Refusal#NOT_HOME}.
 */
@FunctionalInterface
public interface HomeEags {
    /** Every address registered here has its home here: a single-EAG site. */
    HomeEags ALL_HERE = address -> true;

    boolean isHomeHere(WalletAddress address);
}
