package org.ebc.gateway.consortium.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.broker.MosquittoAcl;
import org.ebc.gateway.broker.MosquittoBridge;

/**
 * One test substation's Mosquitto files, made from the shipped ones ({@code src/main/deploy/mosquitto}) and
 * {@link MosquittoBridge}'s output, with only paths and the listener address changed. Stateless.
 */
final class SubstationConfig {
    private static final Path DEPLOY = Path.of("src/main/deploy/mosquitto");

    private SubstationConfig() {}

    /**
     * Writes host {@code h}'s folder: etc/ (authority root and CRL, broker certificate, bridge identity, ebc.acl with
     * the home EAG's and every peer's sections), conf.d/ (the shipped ebc.conf with its listener on loopback
     * and its paths moved, the generated ebc-bridge.conf) and a Debian-like main mosquitto.conf.
     */
    static void write(MeshHost h, List<MeshHost> hosts, MeshPki pki, MosquittoBridge.Timing timing) throws IOException {
        Path etc = Files.createDirectories(h.dir().resolve("etc"));
        Path bridge = Files.createDirectories(etc.resolve("bridge"));
        Files.copy(pki.root(), etc.resolve("ca.crt"));
        Files.copy(pki.crl(), etc.resolve("crl.pem"));
        List<String> ownAddresses = new ArrayList<>();
        List<MosquittoBridge.Peer> peers = new ArrayList<>();
        StringBuilder acl = new StringBuilder(Files.readString(DEPLOY.resolve("ebc.acl")));
        acl.append(MosquittoAcl.eagSection(h.eag())).append(MosquittoBridge.homeAclSection(h.eag()));
        for (MeshHost p : hosts) {
            if (p != h) {
                ownAddresses.add(h.address(p.index()));
                peers.add(new MosquittoBridge.Peer(p.eag(), p.address(h.index()), MeshHost.BROKER_PORT));
                acl.append(MosquittoBridge.peerAclSection(h.eag(), p.eag()));
            }
        }
        MeshPki.Identity server = pki.broker(h.eag() + "-broker", ownAddresses);
        Files.copy(server.certificate(), etc.resolve("broker.crt"));
        Files.copy(server.key(), etc.resolve("broker.key"));
        MeshPki.Identity self = h.eagIdentity();
        Files.copy(self.certificate(), bridge.resolve(h.eag() + ".crt"));
        Files.copy(self.key(), bridge.resolve(h.eag() + ".key"));
        Files.writeString(etc.resolve("ebc.acl"), acl);

        Path confD = Files.createDirectories(h.dir().resolve("conf.d"));
        String conf = Files.readString(DEPLOY.resolve("ebc.conf"));
        // Only loopback: other hosts reach this broker through the link proxy, where faults are injected.
        conf = replaceSetting(conf, "listener 8883", "listener 8883 127.0.0.1", true);
        conf = replaceSetting(conf, MosquittoBridge.SHIPPED_DIR + "/", etc + "/", false);
        Files.writeString(confD.resolve("ebc.conf"), conf);
        Files.writeString(
                confD.resolve("ebc-bridge.conf"),
                MosquittoBridge.config(
                        h.eag(),
                        peers,
                        new MosquittoBridge.IdentityFiles(
                                etc.resolve("ca.crt"),
                                bridge.resolve(h.eag() + ".crt"),
                                bridge.resolve(h.eag() + ".key")),
                        timing));
        Path data = Files.createDirectories(h.dir().resolve("data"));
        // What Debian's /etc/mosquitto/mosquitto.conf provides around conf.d; "user root" keeps the broker
        // able to read the 0600 keys written by this (root) JVM.
        Files.writeString(
                h.dir().resolve("mosquitto.conf"),
                "user root\n"
                        + "persistence true\n"
                        + "persistence_location " + data + "/\n"
                        + "log_dest file " + h.brokerLog() + "\n"
                        // Mosquitto 2.0.11 takes only the first type of a multi-type log_type line; these lines
                        // make sure connects, bridge attempts and timeouts reach the log the diagnostics show.
                        + "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
                        + "include_dir " + confD + "\n");
    }

    /**
     * Replaces {@code from} with {@code to} in every setting line (a line not starting with {@code #}).
     *
     * @param exactlyOnce true if exactly one line must contain it; otherwise at least one
     * @throws AssertionError if the shipped file no longer matches, so the harness is updated with it
     */
    static String replaceSetting(String text, String from, String to, boolean exactlyOnce) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#") && line.contains(from)) {
                line = line.replace(from, to);
                count++;
            }
            out.append(line).append('\n');
        }
        if (count == 0 || (exactlyOnce && count != 1)) {
            throw new AssertionError("the shipped ebc.conf was expected to use '" + from + "' on "
                    + (exactlyOnce ? "exactly one" : "at least one") + " setting line but uses it on " + count
                    + ": update the harness's templating with the file");
        }
        return out.substring(0, out.length() - 1);
    }
}
