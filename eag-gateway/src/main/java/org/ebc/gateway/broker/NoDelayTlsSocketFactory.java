package org.ebc.gateway.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with Nagle's algorithm off (see {@link NoDelaySocketFactory} for why) that speak TLS 1.3 or
 * 1.2 only. It must be an {@link SSLSocketFactory}: Paho refuses any other factory for {@code ssl://}.
 * Thread-safe (stateless apart from the wrapped factory, which is thread-safe).
 */
final class NoDelayTlsSocketFactory extends SSLSocketFactory {
    /** DESIGN §3: TLS 1.2/1.3 only; the broker is configured the same way. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLSocketFactory delegate;

    NoDelayTlsSocketFactory(SSLSocketFactory delegate) {
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
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static Socket configure(Socket s) throws IOException {
        NoDelaySocketFactory.noDelay(s);
        if (s instanceof SSLSocket tls) {
            tls.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        }
        return s;
    }
}
