package org.ebc.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Socket factories for MQTT clients (agent and gateway alike) with Nagle's algorithm off. Paho writes a
 * PUBLISH in several small writes; with Nagle on, the tail waits for the peer's delayed ACK and a QoS 1
 * round trip costs ~88 ms here instead of about one (docs/benchmarks.md). For {@code ssl://}: TLS 1.3/1.2
 * only (DESIGN §3), our certificate as client certificate, and only the authority's root as trust anchor.
 *
 * <p>Stateless apart from the wrapped JDK factories, which are thread-safe; so are these.
 */
public final class NoDelaySockets {
    /** DESIGN §3: TLS 1.2/1.3 only; the shipped Mosquitto configuration says the same. */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    // The in-memory keystore never leaves the process; the password only satisfies the KeyStore API.
    private static final char[] IN_MEMORY = "ebc-in-memory".toCharArray();

    private NoDelaySockets() {}

    /** Plain TCP with TCP_NODELAY. */
    public static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /** Wraps a TLS factory so that its sockets have TCP_NODELAY and speak TLS 1.3/1.2 only. */
    public static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new Tls(delegate);
    }

    /**
     * A TLS factory that presents {@code chain} (leaf first) with {@code key} and trusts only
     * {@code authorityRoots}.
     *
     * @throws GeneralSecurityException if the JDK's TLS cannot use the key or certificates
     */
    public static SSLSocketFactory tls(
            List<X509Certificate> authorityRoots, PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < authorityRoots.size(); i++) {
                trust.setCertificateEntry("authority-" + i, authorityRoots.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("self", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new Tls(context.getSocketFactory());
        } catch (IOException e) {
            // Only an in-memory keystore is loaded here; an IOException means the JDK refused its contents.
            throw new GeneralSecurityException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory delegate;

        Plain(SocketFactory delegate) {
            this.delegate = delegate;
        }

        // Paho calls this one (unconnected, then connect with its timeout); the option sticks to the socket.
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    // Must be an SSLSocketFactory: Paho refuses any other factory for ssl:// URLs.
    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Tls(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return configure(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return configure(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configure(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return configure(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configure(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return configure(delegate.createSocket(address, port, localAddress, localPort));
        }

        private static Socket configure(Socket s) throws IOException {
            noDelay(s);
            if (s instanceof SSLSocket tls) {
                tls.setEnabledProtocols(TLS_PROTOCOLS.toArray(String[]::new));
            }
            return s;
        }
    }
}
