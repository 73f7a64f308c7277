/**
 * The simulated meter: load and generation profiles (household, PV with clouds, EV charging, battery,
 * prosumer) turned into S0 pulses that drive Pi4J mock-platform digital inputs, so that a bench run goes
 * through exactly the same {@link org.ebc.hardware.s0.S0Meter} code as a real meter.
 *
 * <p>Units and signs: profiles give whole W per profile second, positive = import, negative = export (as
 * {@link org.ebc.units.Power}); pulse instants are profile-time nanoseconds since the start of the run;
 * energy is accounted exactly in joules × impulses-per-kWh (one pulse = 3,600,000 such units), so the
 * generated pulses differ from the profile's energy by less than one pulse, and the register of the S0
 * driver must equal the generated pulses exactly. Everything is deterministic from {@code sim.seed}; only
 * the real-time pacing of pulses depends on the machine.
 */
package org.ebc.hardware.sim;
