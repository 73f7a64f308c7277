package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * Everything {@code registry.json} holds, immutable: a change builds a new value and writes it whole.
 *
 * @param authorityName the authority's name (its root's CN)
 * @param nextSerial the serial the next issued certificate gets (serials are never reused)
 * @param certificates every certificate issued, in issue order, replaced and revoked ones included
 * @param walletBindings one binding per node at most
 * @param homes the EAG where each node is at home (the only EAG that admits its spends), sorted by node; a node
 *     bound before homes were recorded has none until {@code authority home} gives it one
 */
record RegistryContents(
        String authorityName,
        BigInteger nextSerial,
        List<IssuedEntry> certificates,
        List<WalletBinding> walletBindings,
        Map<NodeId, EagId> homes) {

    RegistryContents {
        certificates = List.copyOf(certificates);
        walletBindings = List.copyOf(walletBindings);
        homes = java.util.Collections.unmodifiableMap(new TreeMap<>(homes));
    }

    RegistryContents withCertificates(List<IssuedEntry> c, BigInteger next) {
        return new RegistryContents(authorityName, next, c, walletBindings, homes);
    }

    RegistryContents withWalletBindings(List<WalletBinding> w) {
        return new RegistryContents(authorityName, nextSerial, certificates, w, homes);
    }
}
