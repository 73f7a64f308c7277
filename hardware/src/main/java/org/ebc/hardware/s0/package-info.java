/**
 * The S0 pulse meter (IEC 62053-31 / DIN 43864 pulse output) on Pi4J digital inputs: debounce, pulse
 * counting, exact conversion to energy, power from the time between pulses, and a plausibility limit on
 * the pulse rate.
 *
 * <p>Units: the meter constant is in impulses per kWh; registers are {@link org.ebc.units.Energy} in whole
 * Wh, rounded down from the exact pulse count (the fraction of a Wh is carried, never lost); times are
 * nanoseconds of an injected monotonic clock ({@code System::nanoTime} in production); power is
 * {@link org.ebc.units.Power} in whole W, positive for import, negative for export. Registers count from
 * driver start ({@link org.ebc.hardware.RegisterBase#SINCE_DRIVER_START}).
 */
package org.ebc.hardware.s0;
