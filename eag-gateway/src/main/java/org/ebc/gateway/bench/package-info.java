/**
 * The one-command bench ({@code eag-gateway bench}) and the ingest benchmark ({@code eag-gateway
 * bench-ingest}).
 *
 * <p><b>The bench stands in for N devices.</b> On a real site each meter generates its own keys
 * ({@code meter-agent enroll}) and an operator carries its CSR to the authority. The bench does the same
 * steps for N simulated meters on one machine: it creates a registration authority with the authority API
 * ({@link org.ebc.gateway.authority.CertificateAuthority}), enrolls the EAG ({@link
 * org.ebc.gateway.authority.EagEnrollment}), and for every meter generates a node key and wallet keys in
 * that meter's own key directory with the shared crypto code ({@code org.ebc.crypto.KeyPairs}, {@code Pem},
 * {@code Csrs}), laid out as {@code meter-agent enroll} leaves them, then has the authority certify all of
 * them in one batch ({@link org.ebc.gateway.authority.CertificateAuthority#enrollNodes}). The agent's own
 * enrollment code lives in the agent's jar, which the gateway does not depend on (DESIGN §1).
 *
 * <p>Everything else is real: the gateway with its embedded broker, the meter agent as a separate
 * process ({@code java -jar meter-agent.jar run --config …}, several meters per process) reading
 * simulated meters through Pi4J's mock GPIO, signed OCMF records, acknowledgements and SQLite.
 */
package org.ebc.gateway.bench;
