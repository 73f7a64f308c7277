package org.ebc.gateway.broker;

import org.ebc.units.EagId;

/**
 * The per-EAG part of the Mosquitto ACL shipped in {@code deploy/mosquitto/ebc.acl}. Nodes need no ACL
 * entry (the file's {@code pattern} lines give every certificate CN the rights of a node over its own
 * topics); each EAG needs a {@code user} section, which the authority appends when it issues an EAG
 * certificate. Stateless; thread-safe.
 */
public final class MosquittoAcl {
    private MosquittoAcl() {}

    /**
     * The ACL section for one EAG, to append to {@code ebc.acl}: it may read its meters' topics, answer its
     * nodes, broadcast its market and take part in the consortium. Ends with a blank line.
     */
    public static String eagSection(EagId eag) {
        // EagId's shape ([A-Za-z0-9._-]) keeps wildcards, separators and spaces out of the topic lines.
        String id = eag.value();
        return """

                # EAG %1$s: its own gateway identity (certificate CN = %1$s).
                user %1$s
                # It reads what its meters publish (readings, orders, payments).
                topic read ebc/v1/%1$s/meter/#
                # It answers its nodes (acknowledgements, bills, tokens).
                topic write ebc/v1/%1$s/node/#
                # It broadcasts its market (demand, price, results).
                topic write ebc/v1/%1$s/market/#
                # It takes part in consensus with the other EAGs (proposals, audits, replies, commits, blacklist, sync).
                topic readwrite ebc/v1/consortium/#
                """.formatted(id);
    }
}
