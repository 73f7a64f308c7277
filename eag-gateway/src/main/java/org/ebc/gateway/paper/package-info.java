/**
 * The paper's evaluation (§V) regenerated from our code: {@code eag-gateway paper-figures --out DIR}
 * writes CSV data, SVG plots and a comparison table for Fig. 5 (confirmation time and trades per hour,
 * {@link org.ebc.gateway.paper.ConfirmationSimulation}), Fig. 7 (benefits under our pricing and the two
 * heuristic schemes, {@link org.ebc.gateway.paper.SchemeComparison}), Fig. 8 (Algorithm 1's convergence,
 * {@link org.ebc.gateway.paper.Convergence}) and Fig. 9 (the effect of γ and λ,
 * {@link org.ebc.gateway.paper.ParameterSweep}). Every input the paper leaves unstated is a field of
 * {@link org.ebc.gateway.paper.PaperSetup} or {@link org.ebc.gateway.paper.ConfirmationSimulation.Setup},
 * documented there and in docs/paper-comparison.md.
 *
 * <p>Everything is deterministic for a given seed; nothing reads the clock.
 */
@org.jspecify.annotations.NullMarked
package org.ebc.gateway.paper;
