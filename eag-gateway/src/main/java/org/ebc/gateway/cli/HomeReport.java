package org.ebc.gateway.cli;

import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.units.NodeId;

/** How the authority commands print a node's home EAG. */
final class HomeReport {
    private HomeReport() {}

    static String of(CertificateAuthority ca, NodeId node) {
        return ca.registry()
                .homeOf(node)
                .map(e -> e.value())
                .orElse("none yet: this authority has several EAGs; name it with `authority home --node " + node
                        + " --eag EAG` (until then no EAG admits its spends)");
    }
}
