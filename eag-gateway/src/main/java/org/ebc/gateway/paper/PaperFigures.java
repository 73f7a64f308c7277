package org.ebc.gateway.paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ebc.gateway.paper.SchemeComparison.Scheme;

/**
 * Writes the data (CSV), plots (SVG) and comparison table ({@code comparison.md}) of Figs. 5, 7, 8 and 9
 * into a directory. File names and columns are listed in docs/paper-comparison.md §5. Deterministic for a
 * given {@link Options}; progress goes to the given consumer, one line per figure.
 */
public final class PaperFigures {
    /**
     * @param out the directory to write into (created if missing)
     * @param seed the seed of the population, RAS and the Fig. 5 draws
     * @param chainConfirmation our chain's confirmation time for Fig. 5
     * @param creditLatency the credit payment's latency for Fig. 5
     * @param seeds how many seeds (seed, seed+1, …) the robustness table of Fig. 7 uses
     */
    public record Options(Path out, long seed, Duration chainConfirmation, Duration creditLatency, int seeds) {
        public Options {
            if (seeds < 1) {
                throw new IllegalArgumentException("at least one seed");
            }
        }
    }

    /** What was computed, for the command to print and for tests to check. */
    public record Summary(
            List<Path> files,
            SchemeComparison.Result fig7,
            Convergence.Result fig8,
            List<ParameterSweep.Point> fig9Gamma,
            List<ParameterSweep.Point> fig9Lambda,
            ConfirmationSimulation.Result fig5,
            List<Robustness.SeedRow> seeds,
            List<Robustness.SensitivityRow> sensitivity,
            String comparison) {
        public Summary {
            files = List.copyOf(files);
            fig9Gamma = List.copyOf(fig9Gamma);
            fig9Lambda = List.copyOf(fig9Lambda);
            seeds = List.copyOf(seeds);
            sensitivity = List.copyOf(sensitivity);
        }
    }

    private final Path out;
    private final List<Path> files = new ArrayList<>();

    private PaperFigures(Path out) {
        this.out = out;
    }

    public static Summary write(Options options, Consumer<String> progress) throws IOException {
        Files.createDirectories(options.out());
        return new PaperFigures(options.out()).all(options, progress);
    }

    private Summary all(Options o, Consumer<String> progress) throws IOException {
        PaperSetup setup = PaperSetup.paper(o.seed());
        List<Population.Borrower> population = Population.draw(setup);
        borrowers(population);

        progress.accept("paper-figures: Fig. 7 (our pricing vs AAS and RAS, " + setup.banks() + " banks x "
                + setup.borrowersPerBank() + " borrowers)");
        SchemeComparison.Result fig7 = SchemeComparison.run(setup, population);
        fig7(fig7);

        progress.accept("paper-figures: Fig. 8 (Algorithm 1's convergence)");
        Convergence.Result fig8 = Convergence.run(setup, population);
        fig8(fig8);

        progress.accept("paper-figures: Fig. 9 (effect of gamma and lambda)");
        List<ParameterSweep.Point> gamma = ParameterSweep.gamma(population);
        List<ParameterSweep.Point> lambda = ParameterSweep.lambda(population);
        fig9(gamma, lambda);

        progress.accept("paper-figures: Fig. 5 (50 node pairs, 240 simulated minutes, our chain confirms in "
                + ComparisonTable.human(o.chainConfirmation()) + ")");
        ConfirmationSimulation.Result fig5 = ConfirmationSimulation.run(
                ConfirmationSimulation.Setup.paper(o.seed(), o.chainConfirmation(), o.creditLatency()));
        fig5(fig5);

        progress.accept("paper-figures: Fig. 7 over " + o.seeds() + " seeds and under other unstated inputs");
        List<Robustness.SeedRow> seeds = Robustness.seeds(o.seed(), o.seeds());
        List<Robustness.SensitivityRow> sensitivity = Robustness.sensitivity(o.seed());
        CsvTable seedTable = new CsvTable(
                "seed",
                "bank_vs_aas_pct",
                "bank_vs_ras_pct",
                "chosen5_borrower_vs_aas_pct",
                "chosen5_borrower_vs_ras_pct",
                "all_borrower_vs_aas_pct",
                "all_borrower_vs_ras_pct");
        for (Robustness.SeedRow r : seeds) {
            Robustness.Percentages p = r.percentages();
            seedTable.row(
                    r.seed(),
                    p.bankVsAas(),
                    p.bankVsRas(),
                    p.chosenVsAas(),
                    p.chosenVsRas(),
                    p.allVsAas(),
                    p.allVsRas());
        }
        save("fig7-seeds.csv", seedTable);

        String comparison = ComparisonTable.markdown(o, fig7, fig8, gamma, lambda, fig5, seeds, sensitivity);
        Path table = out.resolve("comparison.md");
        Files.writeString(table, comparison, StandardCharsets.UTF_8);
        files.add(table);
        return new Summary(files, fig7, fig8, gamma, lambda, fig5, seeds, sensitivity, comparison);
    }

    private void borrowers(List<Population.Borrower> population) throws IOException {
        CsvTable t = new CsvTable(
                "id",
                "bank",
                "grade",
                "gamma",
                "d",
                "theta",
                "t",
                "eta",
                "lambda",
                "cost",
                "price",
                "q_min",
                "alpha_max");
        for (Population.Borrower b : population) {
            var in = b.input();
            t.row(
                    b.id(),
                    b.bank(),
                    b.grade().name(),
                    in.gamma(),
                    in.d(),
                    in.theta(),
                    in.months(),
                    in.eta(),
                    in.lambda(),
                    in.unitCost(),
                    in.price(),
                    in.minDemand(),
                    in.alphaMax());
        }
        save("borrowers.csv", t);
    }

    private void fig7(SchemeComparison.Result r) throws IOException {
        CsvTable loans = new CsvTable("id", "bank", "scheme", "alpha", "loan", "bank_utility", "borrower_utility");
        for (SchemeComparison.Loan l : r.loans()) {
            loans.row(
                    l.borrower().id(),
                    l.borrower().bank(),
                    l.scheme().name(),
                    l.alpha(),
                    l.loan(),
                    l.bankUtility(),
                    l.borrowerUtility());
        }
        save("fig7-loans.csv", loans);

        Scheme[] schemes = Scheme.values();
        int banks = r.setup().banks();
        CsvTable bankTable = new CsvTable("bank", "optimal", "aas", "ras");
        List<String> categories = new ArrayList<>();
        double[][] values = new double[schemes.length][banks + 1];
        for (int b = 1; b <= banks; b++) {
            bankTable.row(
                    b, r.bankBenefit(Scheme.OPTIMAL, b), r.bankBenefit(Scheme.AAS, b), r.bankBenefit(Scheme.RAS, b));
            categories.add("bank " + b);
            for (int s = 0; s < schemes.length; s++) {
                values[s][b - 1] = r.bankBenefit(schemes[s], b);
            }
        }
        bankTable.row(
                "mean",
                r.meanBankBenefit(Scheme.OPTIMAL),
                r.meanBankBenefit(Scheme.AAS),
                r.meanBankBenefit(Scheme.RAS));
        categories.add("mean");
        for (int s = 0; s < schemes.length; s++) {
            values[s][banks] = r.meanBankBenefit(schemes[s]);
        }
        save("fig7a-banks.csv", bankTable);
        svg(
                "fig7a-bank-benefit.svg",
                SvgPlot.bars(
                        "Fig. 7(a): benefit of each credit bank (sum of u_bc)",
                        "credit bank",
                        "economic benefit",
                        categories,
                        bars(values)));

        CsvTable borrowerTable = new CsvTable("id", "optimal", "aas", "ras");
        List<String> names = new ArrayList<>();
        int chosen = r.chosen().size();
        double[][] b5 = new double[schemes.length][chosen + 1];
        for (int i = 0; i < chosen; i++) {
            int id = r.chosen().get(i);
            for (int s = 0; s < schemes.length; s++) {
                b5[s][i] = r.of(schemes[s]).get(id).borrowerUtility();
            }
            borrowerTable.row(id, b5[0][i], b5[1][i], b5[2][i]);
            names.add("no. " + id);
        }
        for (int s = 0; s < schemes.length; s++) {
            b5[s][chosen] = r.meanChosenBorrowerBenefit(schemes[s]);
        }
        borrowerTable.row("mean", b5[0][chosen], b5[1][chosen], b5[2][chosen]);
        names.add("mean");
        save("fig7b-borrowers.csv", borrowerTable);
        svg(
                "fig7b-borrower-benefit.svg",
                SvgPlot.bars(
                        "Fig. 7(b): benefit of 5 randomly chosen borrowers (u_i)",
                        "borrower (id in borrowers.csv)",
                        "economic benefit",
                        names,
                        bars(b5)));
    }

    /** The three schemes' bars, in {@link Scheme} order. */
    private static List<SvgPlot.Bars> bars(double[][] values) {
        return List.of(
                new SvgPlot.Bars("our pricing", values[0]),
                new SvgPlot.Bars("AAS", values[1]),
                new SvgPlot.Bars("RAS", values[2]));
    }

    private void fig8(Convergence.Result r) throws IOException {
        CsvTable t = new CsvTable(
                "bank",
                "borrower",
                "iteration",
                "bank_benefit",
                "bank_benefit_closed_form",
                "borrower_alpha",
                "borrower_loan",
                "borrower_loan_closed_form",
                "probe_alpha",
                "probe_loan");
        int n = r.rows().size();
        double[] x = new double[n];
        double[] bank = new double[n];
        double[] bankOpt = new double[n];
        double[] loan = new double[n];
        double[] loanOpt = new double[n];
        for (int i = 0; i < n; i++) {
            Convergence.Row row = r.rows().get(i);
            t.row(
                    r.bank(),
                    r.borrower(),
                    row.iteration(),
                    row.bankBenefit(),
                    r.bankOptimum(),
                    row.borrowerAlpha(),
                    row.borrowerLoan(),
                    r.borrowerOptimalLoan(),
                    row.probeAlpha(),
                    row.probeLoan());
            x[i] = row.iteration();
            bank[i] = row.bankBenefit();
            bankOpt[i] = r.bankOptimum();
            loan[i] = row.borrowerLoan();
            loanOpt[i] = r.borrowerOptimalLoan();
        }
        save("fig8-convergence.csv", t);
        svg(
                "fig8a-bank-benefit.svg",
                SvgPlot.lines(
                        "Fig. 8(a): benefit of credit bank " + r.bank() + " over Algorithm 1's iterations",
                        "iteration",
                        "economic benefit",
                        List.of(
                                new SvgPlot.Line("Algorithm 1", x, bank),
                                new SvgPlot.Line("closed form", x, bankOpt, true))));
        svg(
                "fig8b-borrower-loan.svg",
                SvgPlot.lines(
                        "Fig. 8(b): loan of borrower " + r.borrower() + " over the iterations",
                        "iteration",
                        "loan amount (coins)",
                        List.of(
                                new SvgPlot.Line("Algorithm 1", x, loan),
                                new SvgPlot.Line("closed form", x, loanOpt, true))));
    }

    private void fig9(List<ParameterSweep.Point> gamma, List<ParameterSweep.Point> lambda) throws IOException {
        save("fig9a-gamma.csv", sweepTable("gamma", gamma));
        save("fig9b-lambda.csv", sweepTable("lambda", lambda));
        svg(
                "fig9a-gamma.svg",
                SvgPlot.lines(
                        "Fig. 9(a): credit grade factor and the bank's benefit",
                        "credit grade factor gamma",
                        "mean u_bc per borrower",
                        List.of(line("bank", gamma, true))));
        svg(
                "fig9b-lambda.svg",
                SvgPlot.lines(
                        "Fig. 9(b): repayment ability and the borrowers' benefit",
                        "repayment ability lambda",
                        "mean u_i per borrower",
                        List.of(line("borrowers", lambda, false))));
    }

    private static CsvTable sweepTable(String name, List<ParameterSweep.Point> points) {
        CsvTable t = new CsvTable(name, "mean_bank_utility", "mean_borrower_utility", "offers");
        for (ParameterSweep.Point p : points) {
            t.row(p.value(), p.meanBankUtility(), p.meanBorrowerUtility(), p.offers());
        }
        return t;
    }

    private static SvgPlot.Line line(String name, List<ParameterSweep.Point> points, boolean bank) {
        double[] x = points.stream().mapToDouble(ParameterSweep.Point::value).toArray();
        double[] y = points.stream()
                .mapToDouble(p -> bank ? p.meanBankUtility() : p.meanBorrowerUtility())
                .toArray();
        return new SvgPlot.Line(name, x, y);
    }

    private void fig5(ConfirmationSimulation.Result r) throws IOException {
        CsvTable t = new CsvTable(
                "frequency_per_hour",
                "nodes",
                "scheme",
                "mean_total_confirmation_min",
                "mean_confirmation_per_trade_min",
                "trades_per_hour",
                "requested_per_hour");
        for (ConfirmationSimulation.Row row : r.rows()) {
            t.row(
                    row.frequency(),
                    row.nodes(),
                    row.scheme().name(),
                    row.meanTotalMinutes(),
                    row.meanMinutesPerTrade(),
                    row.tradesPerHour(),
                    row.requestedPerHour());
        }
        save("fig5-confirmation.csv", t);
        List<SvgPlot.Line> time = new ArrayList<>();
        List<SvgPlot.Line> speed = new ArrayList<>();
        for (ConfirmationSimulation.Scheme s : ConfirmationSimulation.Scheme.values()) {
            List<ConfirmationSimulation.Row> rows = r.rows().stream()
                    .filter(row -> row.scheme() == s && row.frequency() > 0 && row.nodes() > 0)
                    .toList();
            double[] x = rows.stream()
                    .mapToDouble(ConfirmationSimulation.Row::frequency)
                    .toArray();
            time.add(new SvgPlot.Line(
                    s.label(),
                    x,
                    rows.stream()
                            .mapToDouble(ConfirmationSimulation.Row::meanTotalMinutes)
                            .toArray()));
            speed.add(new SvgPlot.Line(
                    s.label(),
                    x,
                    rows.stream()
                            .mapToDouble(ConfirmationSimulation.Row::tradesPerHour)
                            .toArray()));
            if (s == ConfirmationSimulation.Scheme.CREDIT) {
                speed.add(new SvgPlot.Line(
                        "requested",
                        x,
                        rows.stream()
                                .mapToDouble(ConfirmationSimulation.Row::requestedPerHour)
                                .toArray()));
            }
        }
        svg(
                "fig5a-confirmation-time.svg",
                SvgPlot.lines(
                        "Fig. 5(a): total confirmation time per node", "trades requested per hour", "minutes", time));
        svg(
                "fig5b-trades-per-hour.svg",
                SvgPlot.lines(
                        "Fig. 5(b): trades finished per hour", "trades requested per hour", "trades per hour", speed));
    }

    private void save(String name, CsvTable table) throws IOException {
        Path f = out.resolve(name);
        table.write(f);
        files.add(f);
    }

    private void svg(String name, String svg) throws IOException {
        Path f = out.resolve(name);
        Files.writeString(f, svg, StandardCharsets.UTF_8);
        files.add(f);
    }
}
