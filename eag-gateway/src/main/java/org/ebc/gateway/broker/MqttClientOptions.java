package org.ebc.gateway.broker;

import org.ebc.wire.NoDelaySockets;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho connect options for the gateway's own MQTT clients, built from {@link BrokerSettings}. Stateless;
 * thread-safe. Each call returns a fresh, mutable {@link MqttConnectOptions} owned by the caller.
 *
 * <p>What is fixed here and why:
 * <ul>
 *   <li>clean session off: the gateway's subscriptions and the QoS 1 messages queued for it survive a
 *       reconnect (DESIGN §3: QoS 1, persistent sessions);</li>
 *   <li>automatic reconnect off: the ingress reconnects itself, with backoff, and re-subscribes knowing
 *       what it has committed; Paho's reconnect would hide the outage from it;</li>
 *   <li>MQTT 3.1.1 only: no silent fallback to 3.1;</li>
 *   <li>TCP_NODELAY on every socket (see {@link NoDelaySockets});</li>
 *   <li>for {@code ssl://}: TLS 1.3/1.2, client certificate and trust from the PEM files, and the broker's
 *       host name checked against its certificate.</li>
 * </ul>
 */
public final class MqttClientOptions {
    private MqttClientOptions() {}

    public static MqttConnectOptions connectOptions(BrokerSettings settings) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setKeepAliveInterval(Math.toIntExact(settings.keepAlive().toSeconds()));
        o.setConnectionTimeout(
                Math.toIntExact(Math.max(1, settings.connectTimeout().toSeconds())));
        o.setMaxInflight(settings.maxInflight());
        if (settings.endpoint() instanceof BrokerEndpoint.External external
                && external.tls().isPresent()) {
            o.setSocketFactory(PemTlsContext.socketFactory(external.tls().get()));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        return o;
    }
}
