package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void clientsReachAWildcardListenerThroughLoopback() {
        assertThat(EmbeddedBroker.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(EmbeddedBroker.clientHost("::")).isEqualTo("[::1]");
        assertThat(EmbeddedBroker.clientHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(EmbeddedBroker.clientHost("fe80::1")).isEqualTo("[fe80::1]");
        assertThat(EmbeddedBroker.clientHost("gateway.local")).isEqualTo("gateway.local");
    }
}
