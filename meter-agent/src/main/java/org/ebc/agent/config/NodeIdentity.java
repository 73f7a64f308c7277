package org.ebc.agent.config;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.ebc.config.ConfigException;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * The node's key material as enrollment leaves it in the key directory: {@code node.key} (the signing
 * key, mode 0600), {@code node.crt} (its certificate, leaf first) and {@code ca.crt} (the authority's
 * root, which also validates the gateway's certificate). Checked once at start, so that a node never
 * signs records the gateway is bound to refuse: the chain must lead to {@code ca.crt}, be a node
 * certificate for this node id and meter serial, be valid now, and certify the key in {@code node.key}.
 *
 * <p>Immutable; thread-safe. The private key is never logged or published.
 *
 * @param signingKey the node's private key
 * @param chain the node's certificate chain, leaf first
 * @param authority the authority's root certificate
 * @param chainPem the chain as PEM text, published retained so the gateway can bind the node
 */
public record NodeIdentity(
        PrivateKey signingKey, List<X509Certificate> chain, X509Certificate authority, String chainPem) {

    public NodeIdentity {
        chain = List.copyOf(chain);
    }

    /**
     * Loads and checks the key directory.
     *
     * @throws ConfigException naming {@code key.dir} and the file at fault
     */
    public static NodeIdentity load(AgentConfig config, MeterSerial meterSerial, Instant now) {
        try {
            X509Certificate ca = Pem.readCertificate(config.caCertificate());
            List<X509Certificate> chain = Pem.readCertificates(config.nodeCertificate());
            PrivateKey key = Pem.readPrivateKey(config.nodeKey());
            NodeIdentity id = new NodeIdentity(key, chain, ca, Pem.encode(chain.get(0)) + intermediates(chain));
            String problem = id.problem(config.node(), meterSerial, now);
            if (problem != null) {
                throw new ConfigException(AgentConfig.KEY_DIR, config.keyDir().toString(), problem);
            }
            return id;
        } catch (KeyFileException e) {
            throw new ConfigException(
                    AgentConfig.KEY_DIR,
                    config.keyDir().toString(),
                    e.getMessage()
                            + " (enrollment writes node.key and node.csr; the authority returns node.crt and ca.crt)");
        }
    }

    /** Why this identity cannot sign for {@code node} and {@code meter} at {@code now}; null if it can. */
    public String problem(NodeId node, MeterSerial meter, Instant now) {
        CertificateCheck check = new CertificateValidator(authority).check(chain, now, CertificateRole.NODE);
        if (!check.isValid()) {
            return "node.crt is not usable: " + check.reason() + " (" + check.detail() + ")";
        }
        CertificateSubject subject = check.subject();
        if (!subject.id().equals(node.value())) {
            return "node.crt is issued to node '" + subject.id() + "', but node.id is '" + node + "'";
        }
        if (!meter.value().equals(subject.meterSerial())) {
            return "node.crt binds meter serial '" + subject.meterSerial() + "', but the configured meter reports '"
                    + meter + "'";
        }
        byte[] probe = ("ebc key check " + node).getBytes(StandardCharsets.US_ASCII);
        if (!Signatures.verify(chain.get(0).getPublicKey(), probe, Signatures.sign(signingKey, probe))) {
            return "node.key does not belong to node.crt";
        }
        return null;
    }

    private static String intermediates(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < chain.size(); i++) {
            b.append(Pem.encode(chain.get(i)));
        }
        return b.toString();
    }
}
