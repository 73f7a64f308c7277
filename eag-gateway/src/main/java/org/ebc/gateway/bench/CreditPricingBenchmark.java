package org.ebc.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.IterativePricing;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.ebc.gateway.credit.pricing.PricingOutcome;
import org.ebc.gateway.paper.PaperSetup;
import org.ebc.gateway.paper.Population;

/**
 * {@code eag-gateway bench-credit-pricing}: how many borrowers per second the closed form and Algorithm 1
 * price, on one thread, against a baseline measured in the same run: drawing the same borrowers (Table II,
 * as {@link Population} draws them) without pricing them. Each round draws the same N borrowers from the
 * same seed three times (baseline, closed form, Algorithm 1); a warm-up round of the same size runs first
 * and is not reported. Every outcome feeds a checksum, so the JIT cannot drop the work.
 */
public final class CreditPricingBenchmark {
    /** One measured pass: N borrowers in {@code nanos}. */
    public record Pass(String what, int borrowers, long nanos) {
        public double perSecond() {
            return borrowers * 1e9 / nanos;
        }

        public double nanosPerBorrower() {
            return (double) nanos / borrowers;
        }
    }

    /** The three passes of one round. */
    public record Round(int number, Pass baseline, Pass closedForm, Pass algorithm1, double checksum) {}

    /** @param offers how many of the N borrowers got an offer (closed form) */
    public record Result(int borrowers, List<Round> rounds, int offers, double meanIterations) {
        public Result {
            rounds = List.copyOf(rounds);
        }
    }

    private CreditPricingBenchmark() {}

    public static Result run(int borrowers, int rounds, long seed, Consumer<String> progress) {
        PaperSetup setup = PaperSetup.paper(seed);
        progress.accept("bench-credit-pricing: warm-up round of " + borrowers + " borrowers");
        round(0, borrowers, setup);
        List<Round> measured = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            progress.accept("bench-credit-pricing: round " + r + " of " + rounds);
            measured.add(round(r, borrowers, setup));
        }
        int offers = 0;
        long iterations = 0;
        SplittableRandom random = new SplittableRandom(setup.seed());
        for (int i = 0; i < borrowers; i++) {
            PricingInput in = Population.draw(random, setup, i).input();
            if (ClosedFormPricing.price(in) instanceof Offer) {
                offers++;
            }
            if (IterativePricing.price(in) instanceof Offer o) {
                iterations += o.iterations();
            }
        }
        return new Result(borrowers, measured, offers, offers == 0 ? 0 : (double) iterations / offers);
    }

    private static Round round(int number, int borrowers, PaperSetup setup) {
        double[] sum = new double[1];
        Pass baseline = pass("draw only", borrowers, setup, in -> in.d(), sum);
        Pass closed = pass("closed form", borrowers, setup, in -> score(ClosedFormPricing.price(in)), sum);
        Pass iterative = pass("Algorithm 1", borrowers, setup, in -> score(IterativePricing.price(in)), sum);
        return new Round(number, baseline, closed, iterative, sum[0]);
    }

    private static Pass pass(
            String what, int borrowers, PaperSetup setup, ToDoubleFunction<PricingInput> work, double[] sink) {
        SplittableRandom random = new SplittableRandom(setup.seed());
        double sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < borrowers; i++) {
            sum += work.applyAsDouble(Population.draw(random, setup, i).input());
        }
        long nanos = System.nanoTime() - start;
        sink[0] += sum;
        return new Pass(what, borrowers, nanos);
    }

    private static double score(PricingOutcome outcome) {
        return outcome instanceof Offer o ? o.alpha() + o.loanAmount().minorUnits() : -1;
    }
}
