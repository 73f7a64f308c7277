package org.ebc.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import org.tinylog.Logger;

/**
 * The embedded broker's authentication and authorization, as a HiveMQ CE extension registered in-process
 * ({@link EmbeddedExtension}): at every CONNECT it asks {@link ClientAdmission} and either refuses the
 * client (CONNACK "not authorized", one log line) or admits it with {@link TopicRights} as HiveMQ's default
 * permissions (anything else denied). HiveMQ applies those permissions to every PUBLISH and SUBSCRIBE: a
 * denied subscription gets a failure return code, and an MQTT 3 client that publishes where it may not is
 * disconnected. Thread-safe (HiveMQ calls it from its own threads; it keeps no state of its own).
 */
final class CertificateLogin implements SimpleAuthenticator {
    static final String EXTENSION_ID = "ebc-certificate-login";

    private final ClientAdmission admission;

    CertificateLogin(ClientAdmission admission) {
        this.admission = admission;
    }

    /** The extension to hand to {@code EmbeddedHiveMQ.builder().withEmbeddedExtension(…)}. */
    static EmbeddedExtension extension(ClientAdmission admission) {
        CertificateLogin login = new CertificateLogin(admission);
        return EmbeddedExtension.builder()
                .withId(EXTENSION_ID)
                .withName("ebc certificate login and topic rights")
                .withVersion("1")
                .withAuthor("ebc")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> login);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                        // Nothing to release: HiveMQ drops the provider with the extension.
                    }
                })
                .build();
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectionInformation connection = input.getConnectionInformation();
        String clientId = input.getClientInformation().getClientId();
        ListenerType listener = connection
                .getListener()
                .map(com.hivemq.extension.sdk.api.client.parameter.Listener::getListenerType)
                .orElse(ListenerType.TCP_LISTENER);
        ClientAdmission.Decision d = listener == ListenerType.TLS_TCP_LISTENER
                ? admission.tls(
                        clientId,
                        connection
                                .getClientTlsInformation()
                                .flatMap(ClientTlsInformation::getClientCertificateChain)
                                .orElse(new X509Certificate[0]))
                : admission.local(
                        clientId,
                        connection
                                .getInetAddress()
                                .map(InetAddress::isLoopbackAddress)
                                .orElse(false));
        if (!d.admitted()) {
            Logger.warn(
                    "embedded broker refused {} from {}: {} ({})",
                    clientId,
                    connection.getInetAddress().map(InetAddress::getHostAddress).orElse("?"),
                    d.refusal(),
                    d.detail());
            output.failAuthentication(
                    ConnackReasonCode.NOT_AUTHORIZED, d.refusal().name());
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        if (d.everything()) {
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
        } else {
            for (TopicRights.Right r : d.rights()) {
                permissions.add(permission(r));
            }
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            Logger.debug("embedded broker admitted {} as {}", clientId, d.detail());
        }
        output.authenticateSuccessfully();
    }

    private static TopicPermission permission(TopicRights.Right r) {
        return Builders.topicPermission()
                .topicFilter(r.filter())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(
                        switch (r.activity()) {
                            case PUBLISH -> TopicPermission.MqttActivity.PUBLISH;
                            case SUBSCRIBE -> TopicPermission.MqttActivity.SUBSCRIBE;
                            case PUBLISH_AND_SUBSCRIBE -> TopicPermission.MqttActivity.ALL;
                        })
                .qos(TopicPermission.Qos.ALL)
                .retain(TopicPermission.Retain.ALL)
                .sharedSubscription(TopicPermission.SharedSubscription.ALL)
                .build();
    }
}
