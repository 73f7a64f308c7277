/**
 * The meter API the meter agent codes against: {@link org.ebc.hardware.EnergyMeter} and what a read
 * returns, and {@link org.ebc.hardware.EnergyMeters}, which builds the configured driver from a
 * {@link org.ebc.config.Settings} file.
 *
 * <p>Data flow: pulses or device registers → driver ({@code s0}, {@code modbus}, or the {@code sim}ulator
 * feeding the S0 driver over mock GPIO) → {@link org.ebc.hardware.MeterRead} → the agent's energy
 * registers.
 *
 * <p>Units and signs: energy is {@link org.ebc.units.Energy} in whole Wh, import and export registers
 * are separate and never negative; power is {@link org.ebc.units.Power} in whole W, positive when the
 * node imports from the grid and negative when it exports. No {@code double} carries energy anywhere in
 * this module.
 *
 * <p>Faults: drivers return {@link org.ebc.hardware.MeterRead.Failed} with a one-line detail and log it
 * only at debug level; the caller logs each failed read once (so that an operator sees one line per event).
 * Configuration errors are {@link org.ebc.config.ConfigException}s naming the key and the bad value.
 */
package org.ebc.hardware;
