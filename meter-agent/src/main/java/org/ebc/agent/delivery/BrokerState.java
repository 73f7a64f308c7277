package org.ebc.agent.delivery;

/** The agent's connection to the MQTT broker, as shown by {@code status}. */
public enum BrokerState {
    STARTING,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    STOPPED;

    /** The lower-case name stored and published. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
