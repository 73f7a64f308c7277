package org.ebc.gateway.authority;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;

/**
 * A meter or gateway as the authority meets it: real P-256 keys made "on the device", its CSR and its
 * signed wallet-binding request. The gateway cannot depend on the meter agent, so this stands in for
 * {@code meter-agent enroll}; the golden request in {@link WalletBindingRequestGoldenTest} (written by the
 * agent's code) keeps the two formats the same.
 */
final class SimulatedDevice {
    final String id;
    final String meterSerial;
    final KeyPair keys;
    final List<KeyPair> wallets;

    private SimulatedDevice(String id, String meterSerial, KeyPair keys, List<KeyPair> wallets) {
        this.id = id;
        this.meterSerial = meterSerial;
        this.keys = keys;
        this.wallets = wallets;
    }

    static SimulatedDevice node(String id, String meterSerial, int walletCount) {
        List<KeyPair> w = new ArrayList<>();
        for (int i = 0; i < walletCount; i++) {
            w.add(KeyPairs.generate());
        }
        return new SimulatedDevice(id, meterSerial, KeyPairs.generate(), w);
    }

    static SimulatedDevice node(String id, String meterSerial) {
        return node(id, meterSerial, 3);
    }

    static SimulatedDevice eag(String id) {
        return new SimulatedDevice(id, null, KeyPairs.generate(), List.of());
    }

    /** The same node id and meter, enrolling again with a new key (a replaced device). */
    SimulatedDevice withNewKey() {
        return new SimulatedDevice(id, meterSerial, KeyPairs.generate(), wallets);
    }

    SimulatedDevice withWallets(List<KeyPair> w) {
        return new SimulatedDevice(id, meterSerial, keys, w);
    }

    PKCS10CertificationRequest csr() {
        return Csrs.create(
                keys,
                meterSerial == null ? CertificateSubject.eag(id) : CertificateSubject.node(id, null, meterSerial));
    }

    byte[] walletsRequest(Instant at) {
        return WalletBindingRequest.create(NodeId.of(id), keys, wallets, at);
    }

    List<WalletAddress> addresses() {
        return wallets.stream().map(w -> WalletAddress.of(w.getPublic())).toList();
    }
}
