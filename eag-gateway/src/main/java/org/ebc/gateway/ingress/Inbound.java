package org.ebc.gateway.ingress;

import java.time.Instant;

/**
 * One MQTT message as it arrived, before anything looked inside it.
 *
 * @param topic the topic it was published on
 * @param payload the exact bytes; never modified
 * @param receivedAt the gateway's clock at arrival
 */
public record Inbound(String topic, byte[] payload, Instant receivedAt) {}
