package org.ebc.gateway.authority;

/**
 * What {@link CertificateAuthority#enrollNodes} did for one node.
 *
 * @param certificate the node certificate issued
 * @param wallets the wallet binding, or null if the application brought no request
 */
public record EnrolledNode(IssuedCertificate certificate, BindingOutcome wallets) {}
