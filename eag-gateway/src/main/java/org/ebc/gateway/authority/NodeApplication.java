package org.ebc.gateway.authority;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a node brings to the authority: its CSR, the true identity the operator verified, and (optionally)
 * its signed wallet-binding request. {@link CertificateAuthority#enrollNodes} takes many at once.
 *
 * @param csr the node's {@code node.csr}
 * @param trueIdentity the owner's true identity {@code ID_i}
 * @param walletsRequest the node's {@code wallets.req}, or null to bind no wallets now
 */
public record NodeApplication(PKCS10CertificationRequest csr, String trueIdentity, byte[] walletsRequest) {}
