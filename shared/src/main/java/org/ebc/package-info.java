/**
 * The foundation every ebc module shares: value types with units ({@link org.ebc.units}), keys and
 * certificates ({@link org.ebc.crypto}), wallet addresses ({@link org.ebc.wallet}), the signed wire
 * formats ({@link org.ebc.ocmf} for meter readings, {@link org.ebc.envelope} for everything else) and the
 * MQTT topic names and acknowledgements ({@link org.ebc.wire}).
 *
 * <p>Dependency rule: this module depends on Bouncy Castle and Jackson only. No Paho, no JDBC, no Pi4J.
 * Nothing in it reads the wall clock: callers pass {@link java.time.Instant}s or a {@link java.time.Clock}.
 */
package org.ebc;
