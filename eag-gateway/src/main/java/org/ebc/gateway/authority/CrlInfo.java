package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The facts about an authority's current revocation list that an operator needs.
 *
 * @param number the CRL number (rises with every CRL the authority signs)
 * @param thisUpdate when it was signed
 * @param nextUpdate when relying parties expect a newer one (TLS stacks refuse a CRL after it); null if the CRL names none
 * @param revoked how many serials it lists
 */
public record CrlInfo(BigInteger number, Instant thisUpdate, Instant nextUpdate, int revoked) {

    public static CrlInfo of(AuthorityRegistry registry) {
        return new CrlInfo(
                CrlNumbers.of(registry.crl(), new AuthorityDirectory(registry.directory()).crl()),
                registry.crl().getThisUpdate().toInstant(),
                registry.crl().getNextUpdate() == null
                        ? null
                        : registry.crl().getNextUpdate().toInstant(),
                registry.revocationList().size());
    }
}
