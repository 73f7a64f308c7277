/**
 * The Pi4J context, always built explicitly from configuration ({@code platform = mock | raspberrypi}),
 * never auto-detected: a bench machine must never pick up a real GPIO provider by accident, and a Pi must
 * never silently fall back to the mock.
 *
 * <p>No units or signs live here; this package only chooses and assembles Pi4J providers.
 */
package org.ebc.hardware.pi4j;
