package org.ebc.gateway.broker;

import java.util.List;
import org.ebc.units.EagId;

/**
 * The Mosquitto access control list of a site, written from {@link TopicRights}: {@code pattern} lines give
 * every certificate CN the rights of a node over its own topics, and each EAG gets a {@code user} section
 * with its own rights. {@code eag-gateway authority mosquitto} writes the whole file with a section for every
 * EAG the authority has certified; the copy shipped in {@code deploy/mosquitto/ebc.acl} is the file with no
 * EAG yet. Stateless; thread-safe.
 */
public final class MosquittoAcl {
    private MosquittoAcl() {}

    /** The complete ACL file for a site whose EAGs are {@code eags} (in that order). */
    public static String file(List<EagId> eags) {
        StringBuilder b = new StringBuilder("""
                # ebc: Mosquitto access control list (acl_file of ebc.conf), as `eag-gateway authority mosquitto` writes
                # it to /etc/mosquitto/ebc/ebc.acl. Regenerate it rather than editing it: the authority adds a section
                # for every EAG it certifies and drops those it revoked, then: systemctl reload mosquitto.
                #
                # Identities: the broker takes each client's username from its certificate's CN (use_identity_as_username),
                # and the ebc authority issues every certificate: a node's CN is its node id, an EAG's CN is its EAG id.
                # The authority never issues the same CN twice, across nodes and EAGs alike (an EAG named like a node would
                # inherit that node's rights below). Broker certificates are server certificates only and cannot log in.
                #
                # How the ACL tells EAGs from nodes: nodes need no entry of their own; the "pattern" lines below give
                # every client the rights of a node over topics carrying its own CN. EAGs get explicit "user" sections.
                # A client without such a section has node rights only: a stolen node certificate can never read other
                # meters or speak for the consortium.
                #
                # Mosquitto reads a line starting with # as a comment; a # anywhere else is part of the topic, so every
                # comment sits on its own line. Anything not granted here is denied ($SYS included). Mosquitto drops a
                # denied publish silently (the client still gets its PUBACK) and never delivers what a client may not read.

                """);
        for (TopicRights.Right r : TopicRights.node("%u")) {
            b.append("# ").append(r.purpose()).append('\n');
            b.append("pattern ")
                    .append(access(r.activity()))
                    .append(' ')
                    .append(r.filter())
                    .append('\n');
        }
        if (eags.isEmpty()) {
            b.append("""

                    # No EAG is certified yet. The authority writes one section per EAG here; for an EAG whose
                    # certificate CN is eag-0001 it reads:
                    #
                    """);
            for (String line : eagSection(EagId.of("eag-0001")).strip().split("\n")) {
                b.append("#   ").append(line).append('\n');
            }
        }
        for (EagId eag : eags) {
            b.append(eagSection(eag));
        }
        return b.toString();
    }

    /** The ACL section for one EAG (it begins with a blank line). */
    public static String eagSection(EagId eag) {
        // EagId's shape ([A-Za-z0-9._-]) keeps wildcards, separators and spaces out of the topic lines.
        StringBuilder b = new StringBuilder("\n# EAG ")
                .append(eag)
                .append(": its own gateway identity (certificate CN = ")
                .append(eag)
                .append(").\n")
                .append("user ")
                .append(eag)
                .append('\n');
        for (TopicRights.Right r : TopicRights.eag(eag.value())) {
            b.append("# ").append(r.purpose()).append('\n');
            b.append("topic ")
                    .append(access(r.activity()))
                    .append(' ')
                    .append(r.filter())
                    .append('\n');
        }
        return b.toString();
    }

    private static String access(TopicRights.Activity a) {
        return switch (a) {
            case PUBLISH -> "write";
            case SUBSCRIBE -> "read";
            case PUBLISH_AND_SUBSCRIBE -> "readwrite";
        };
    }
}
