package org.ebc.gateway.credit;

import org.ebc.credit.CreditToken;

/** Port: the bank's EAG signs a token version (its envelope bytes). */
@FunctionalInterface
public interface TokenSigner {
    byte[] sign(CreditToken token);
}
