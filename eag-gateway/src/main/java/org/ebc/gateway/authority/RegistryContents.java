package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.util.List;

/**
 * Everything {@code registry.json} holds, immutable: a change builds a new value and writes it whole.
 *
 * @param authorityName the authority's name (its root's CN)
 * @param nextSerial the serial the next issued certificate gets (serials are never reused)
 * @param certificates every certificate issued, in issue order, replaced and revoked ones included
 * @param walletBindings one binding per node at most
 */
record RegistryContents(
        String authorityName,
        BigInteger nextSerial,
        List<IssuedEntry> certificates,
        List<WalletBinding> walletBindings) {

    RegistryContents {
        certificates = List.copyOf(certificates);
        walletBindings = List.copyOf(walletBindings);
    }

    RegistryContents withCertificates(List<IssuedEntry> c, BigInteger next) {
        return new RegistryContents(authorityName, next, c, walletBindings);
    }

    RegistryContents withWalletBindings(List<WalletBinding> w) {
        return new RegistryContents(authorityName, nextSerial, certificates, w);
    }
}
