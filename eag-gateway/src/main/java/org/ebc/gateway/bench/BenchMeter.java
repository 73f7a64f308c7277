package org.ebc.gateway.bench;

import java.util.OptionalInt;
import org.ebc.units.NodeId;

/**
 * One simulated meter of a bench and the node that reads it: ids, profile, seed and the mock GPIO inputs
 * its S0 pulses arrive on (distinct within one agent process, which shares one Pi4J context).
 *
 * @param node the node id (topics, certificate CN)
 * @param meterSerial the meter's serial (OCMF {@code MS}, certificate {@code SERIALNUMBER})
 * @param profile what the simulator generates
 * @param seed the simulator's seed: the same seed gives the same power curve
 * @param importPin BCM number of the import pulse input
 * @param exportPin BCM number of the export pulse input, for profiles that export
 * @param process which agent process runs this meter (0-based)
 */
public record BenchMeter(
        NodeId node,
        String meterSerial,
        BenchProfile profile,
        long seed,
        int importPin,
        OptionalInt exportPin,
        int process) {}
