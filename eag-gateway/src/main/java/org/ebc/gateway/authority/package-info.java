/**
 * The registration authority (the paper's trusted authority, §II.B.1; DESIGN §2): a CA run by an
 * operator with {@code eag-gateway authority …}, not a network service. Private keys are generated where
 * they are used and never travel; the authority sees only CSRs and signed wallet-binding requests.
 *
 * <h2>Directory layout</h2>
 *
 * <pre>
 * DIR/                 mode 0700, or 0710 root:GROUP with `init --group GROUP` (a gateway on this machine reads
 *                      the public files through that group); refused if group or others may read or write it
 *   ca.key             the authority's P-256 private key, PEM as org.ebc.crypto.Pem writes it, mode 0600; never leaves DIR
 *   ca.crt             the self-signed root, serial 1: the trust anchor for gateways, meters and brokers
 *   crl.pem            the revocation list, signed by ca.key; each new one has a higher CRL number
 *   registry.json      what was issued and bound (below), mode 0640 (group: the directory's), replaced atomically
 *   issued/&lt;id&gt;.crt    the newest certificate for each EAG or node id, to hand back
 *   issued/ca.crt      a copy of ca.crt to hand back with it
 *   .lock              taken by every change, so concurrent commands cannot issue one serial twice
 * </pre>
 *
 * <h2>{@code registry.json}</h2>
 *
 * <pre>
 * {
 *   "format" : "ebc-authority-registry/1",
 *   "authority" : "&lt;name, the root's CN&gt;",
 *   "nextSerial" : "&lt;hex&gt;",                 serials are sequential and never reused
 *   "certificates" : [ {                     every certificate ever issued, in issue order
 *     "role" : "eag" | "node" | "broker",
 *     "id" : "&lt;EAG or node id, the CN&gt;",
 *     "trueIdentity" : "&lt;ID_i, the UID&gt;" | null,    given by the operator, nodes only
 *     "meterSerial" : "&lt;SERIALNUMBER&gt;" | null,      nodes only
 *     "serial" : "&lt;hex&gt;", "notBefore" : "&lt;ISO-8601&gt;", "notAfter" : "&lt;ISO-8601&gt;",
 *     "fingerprint" : "&lt;SHA-256 of the DER, AB:CD:…&gt;", "keyId" : "&lt;32 hex, see KeyId&gt;",
 *     "revoked" : null | { "at" : "&lt;ISO-8601&gt;", "reason" : "key-compromise" | "superseded" | … },
 *     "certificate" : "-----BEGIN CERTIFICATE-----…"
 *   } ],
 *   "walletBindings" : [ {                   at most one per node
 *     "node" : "&lt;node id&gt;", "boundAt" : "&lt;ISO-8601&gt;", "requestedAt" : "&lt;ISO-8601, the request's ts&gt;",
 *     "wallets" : [ { "address" : "&lt;WalletAddress&gt;", "publicKey" : "&lt;base64 SubjectPublicKeyInfo DER&gt;" } ]
 *   } ],
 *   "homes" : { "&lt;node id&gt;" : "&lt;EAG id&gt;", … }     the EAG where each node is at home (absent in older files)
 * }
 * </pre>
 *
 * <h2>{@code registrations.ebc}</h2>
 *
 * After every change that alters who is registered where (a binding, a home, a revocation), the authority signs
 * {@link org.ebc.ledger.Registrations} with {@code ca.key}, at the next revision, and writes it as
 * {@code registrations.ebc} (mode 0644: it is public). A gateway with {@code authority.dir} publishes it over the
 * consortium topics; every EAG keeps the newest that verifies under {@code ca.crt}. A node without a home (bound
 * before homes were recorded, at an authority with several EAGs) is left out until {@code authority home} names one.
 *
 * Everything in a certificate entry but {@code revoked} repeats the certificate, for people reading the
 * file; {@link org.ebc.gateway.authority.AuthorityRegistry#load} checks each repeat against the
 * certificate and each certificate against {@code ca.crt}. The CRL is signed before the registry is
 * written, so a crash in between leaves a revocation in force; readers treat a serial as revoked if
 * either file says so.
 *
 * <h2>Entry points</h2>
 *
 * {@link org.ebc.gateway.authority.CertificateAuthority} changes an authority (init, issue, enroll, bind,
 * revoke); {@link org.ebc.gateway.authority.AuthorityRegistry} reads one;
 * {@link org.ebc.wallet.WalletBindingRequest} is the signed request format (shared with the meter agent), {@link org.ebc.gateway.authority.WalletBindingReview} checks it;
 * {@link org.ebc.gateway.authority.EagEnrollment} is the gateway's own key and CSR.
 */
package org.ebc.gateway.authority;
