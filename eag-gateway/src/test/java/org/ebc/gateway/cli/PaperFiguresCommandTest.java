package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.IterativePricing;
import org.ebc.gateway.credit.pricing.LoanGame;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.ebc.gateway.paper.ConfirmationSimulation;
import org.ebc.gateway.paper.SchemeComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code eag-gateway paper-figures} run in-process into a temporary directory: every file is there and
 * parses, and its numbers are what the pricing code (and the Fig. 5 model) compute from the borrowers the
 * run wrote down — recomputed here from {@code borrowers.csv}, not copied from the run.
 */
class PaperFiguresCommandTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    static Path dir;

    private static CliRun run;
    private static final Map<Integer, PricingInput> borrowers = new HashMap<>();
    private static final Map<Integer, Integer> bankOf = new HashMap<>();

    @BeforeAll
    static void runPaperFigures() throws IOException {
        run = CliRun.of("paper-figures", "--out", dir.toString(), "--seed", "3", "--seeds", "3");
        assertThat(run.exit()).as(run.toString()).isZero();
        for (Map<String, String> r : csv("borrowers.csv")) {
            int id = Integer.parseInt(r.get("id"));
            assertThat(CreditGrade.parse(r.get("grade")).orElseThrow().gamma()).isEqualTo(num(r, "gamma"));
            borrowers.put(
                    id,
                    new PricingInput(
                            num(r, "d"),
                            num(r, "theta"),
                            num(r, "t"),
                            num(r, "eta"),
                            num(r, "lambda"),
                            num(r, "gamma"),
                            num(r, "cost"),
                            num(r, "price"),
                            num(r, "q_min"),
                            num(r, "alpha_max")));
            bankOf.put(id, Integer.parseInt(r.get("bank")));
        }
    }

    @Test
    void everyFileIsWrittenAndListed() {
        for (String f : List.of(
                "borrowers.csv",
                "fig5-confirmation.csv",
                "fig5a-confirmation-time.svg",
                "fig5b-trades-per-hour.svg",
                "fig7-loans.csv",
                "fig7a-banks.csv",
                "fig7a-bank-benefit.svg",
                "fig7b-borrowers.csv",
                "fig7b-borrower-benefit.svg",
                "fig7-seeds.csv",
                "fig8-convergence.csv",
                "fig8a-bank-benefit.svg",
                "fig8b-borrower-loan.svg",
                "fig9a-gamma.csv",
                "fig9a-gamma.svg",
                "fig9b-lambda.csv",
                "fig9b-lambda.svg",
                "comparison.md")) {
            assertThat(dir.resolve(f)).isRegularFile();
            assertThat(run.out()).contains("  " + f);
        }
        assertThat(borrowers).hasSize(100);
        assertThat(run.err()).contains("paper-figures: Fig. 5", "paper-figures: Fig. 9");
    }

    @Test
    void fig7sLoansAreTheClosedFormOffersAndTheHeuristicsLendTheSameTotalsAtInterestPointOne() throws IOException {
        Map<Integer, Double> budget = new HashMap<>();
        int offers = 0;
        for (Map<String, String> r : csv("fig7-loans.csv")) {
            if (!r.get("scheme").equals("OPTIMAL")) {
                continue;
            }
            int id = Integer.parseInt(r.get("id"));
            PricingInput in = borrowers.get(id);
            if (ClosedFormPricing.price(in) instanceof Offer o) {
                offers++;
                assertThat(num(r, "alpha")).isEqualTo(o.alpha());
                assertThat(num(r, "loan")).isEqualTo(o.loan());
                assertThat(num(r, "bank_utility")).isEqualTo(o.bankUtility());
                assertThat(num(r, "borrower_utility")).isEqualTo(o.borrowerUtility());
            } else {
                assertThat(num(r, "loan")).isZero();
                assertThat(num(r, "borrower_utility")).isEqualTo(LoanGame.borrowerUtility(in, 1, 0));
            }
            budget.merge(bankOf.get(id), num(r, "loan"), Double::sum);
        }
        assertThat(offers).isGreaterThan(50);
        for (Map<String, String> r : csv("fig7-loans.csv")) {
            if (r.get("scheme").equals("OPTIMAL")) {
                continue;
            }
            PricingInput in = borrowers.get(Integer.parseInt(r.get("id")));
            double alpha = 3.5 * in.months() * 0.1;
            double loan = num(r, "loan");
            assertThat(num(r, "alpha")).isEqualTo(alpha);
            if (r.get("scheme").equals("AAS")) {
                assertThat(loan).isCloseTo(budget.get(Integer.parseInt(r.get("bank"))) / 20, within(1e-9));
            }
            assertThat(num(r, "bank_utility")).isEqualTo(LoanGame.bankUtility(in, alpha, loan));
            assertThat(num(r, "borrower_utility")).isEqualTo(LoanGame.borrowerUtility(in, alpha, loan));
        }
    }

    @Test
    void fig7aIsTheSumPerBankAndItsPlotShowsThoseNumbersAndTheTableTheirRatio() throws Exception {
        Map<String, Map<Integer, Double>> sums = new HashMap<>();
        for (Map<String, String> r : csv("fig7-loans.csv")) {
            sums.computeIfAbsent(r.get("scheme"), s -> new HashMap<>())
                    .merge(Integer.parseInt(r.get("bank")), num(r, "bank_utility"), Double::sum);
        }
        List<Map<String, String>> banks = csv("fig7a-banks.csv");
        assertThat(banks).hasSize(6);
        for (Map<String, String> r : banks.subList(0, 5)) {
            int bank = Integer.parseInt(r.get("bank"));
            assertThat(num(r, "optimal")).isCloseTo(sums.get("OPTIMAL").get(bank), within(1e-6));
            assertThat(num(r, "aas")).isCloseTo(sums.get("AAS").get(bank), within(1e-6));
            assertThat(num(r, "ras")).isCloseTo(sums.get("RAS").get(bank), within(1e-6));
        }
        Map<String, String> mean = banks.get(5);
        assertThat(mean.get("bank")).isEqualTo("mean");

        Document svg = xml("fig7a-bank-benefit.svg");
        NodeList groups = svg.getElementsByTagNameNS(SVG, "g");
        assertThat(groups.getLength()).isEqualTo(3);
        NodeList ours = ((Element) groups.item(0)).getElementsByTagNameNS(SVG, "rect");
        for (int i = 0; i < 6; i++) {
            assertThat(Double.parseDouble(((Element) ours.item(i)).getAttribute("data-value")))
                    .isEqualTo(num(banks.get(i), "optimal"));
        }

        String table = Files.readString(dir.resolve("comparison.md"));
        String vsAas = String.format(
                java.util.Locale.ROOT,
                "| banks, our pricing vs AAS | +64.8 %% | %+.1f %% |",
                SchemeComparison.percentAbove(num(mean, "optimal"), num(mean, "aas")));
        assertThat(table).contains(vsAas).contains("| banks, our pricing vs RAS | +226.9 % |");
        assertThat(run.out()).contains(vsAas);
    }

    @Test
    void fig8IsAlgorithmOnesTraceForTheNamedBankAndBorrower() throws Exception {
        List<Map<String, String>> rows = csv("fig8-convergence.csv");
        int bank = Integer.parseInt(rows.get(0).get("bank"));
        int borrower = Integer.parseInt(rows.get(0).get("borrower"));
        double optimum = 0;
        List<List<IterativePricing.Iteration>> traces = new ArrayList<>();
        for (Map.Entry<Integer, PricingInput> b : borrowers.entrySet()) {
            if (bankOf.get(b.getKey()) == bank) {
                traces.add(IterativePricing.trace(b.getValue()).iterations());
                if (ClosedFormPricing.price(b.getValue()) instanceof Offer o) {
                    optimum += o.bankUtility();
                }
            }
        }
        List<IterativePricing.Iteration> mine =
                IterativePricing.trace(borrowers.get(borrower)).iterations();
        int longest = traces.stream().mapToInt(List::size).max().orElseThrow();

        assertThat(rows).hasSize(longest);
        for (int j = 0; j < rows.size(); j++) {
            Map<String, String> r = rows.get(j);
            double benefit = 0;
            for (List<IterativePricing.Iteration> t : traces) {
                benefit += t.isEmpty() ? 0 : t.get(Math.min(j, t.size() - 1)).bestBankUtility();
            }
            assertThat(num(r, "bank_benefit")).isCloseTo(benefit, within(1e-6));
            assertThat(num(r, "bank_benefit_closed_form")).isCloseTo(optimum, within(1e-6));
            IterativePricing.Iteration it = mine.get(Math.min(j, mine.size() - 1));
            assertThat(num(r, "borrower_loan")).isEqualTo(it.bestLoan());
            if (j < mine.size()) {
                assertThat(num(r, "probe_alpha")).isEqualTo(it.alpha());
            }
        }
        assertThat(num(rows.get(rows.size() - 1), "bank_benefit")).isCloseTo(optimum, within(1e-3 * optimum));

        NodeList lines = xml("fig8a-bank-benefit.svg").getElementsByTagNameNS(SVG, "polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(rows.size());
    }

    @Test
    void fig9sPointsAreTheMeanClosedFormUtilitiesAtEachGammaAndLambda() throws Exception {
        for (Map<String, String> r : csv("fig9a-gamma.csv")) {
            double gamma = num(r, "gamma");
            double bank = 0;
            for (PricingInput in : borrowers.values()) {
                if (ClosedFormPricing.price(in.withGamma(gamma)) instanceof Offer o) {
                    bank += o.bankUtility();
                }
            }
            assertThat(num(r, "mean_bank_utility")).isCloseTo(bank / 100, within(1e-6));
        }
        for (Map<String, String> r : csv("fig9b-lambda.csv")) {
            double lambda = num(r, "lambda");
            double borrower = 0;
            for (PricingInput in : borrowers.values()) {
                PricingInput changed = in.withLambda(lambda);
                borrower += ClosedFormPricing.price(changed) instanceof Offer o
                        ? o.borrowerUtility()
                        : LoanGame.borrowerUtility(changed, 1, 0);
            }
            assertThat(num(r, "mean_borrower_utility")).isCloseTo(borrower / 100, within(1e-6));
        }
        assertThat(csv("fig9a-gamma.csv")).hasSize(35);
        assertThat(xml("fig9a-gamma.svg")
                        .getElementsByTagNameNS(SVG, "polyline")
                        .getLength())
                .isEqualTo(1);
    }

    @Test
    void fig5IsTheSimulationWithThePapersSetupAndTheDefaultConfirmationTime() throws Exception {
        ConfirmationSimulation.Result expected = ConfirmationSimulation.run(
                ConfirmationSimulation.Setup.paper(3, Duration.ofMinutes(10), Duration.ofMillis(50)));
        List<Map<String, String>> rows = csv("fig5-confirmation.csv");

        assertThat(rows).hasSize(expected.rows().size());
        for (int i = 0; i < rows.size(); i++) {
            ConfirmationSimulation.Row e = expected.rows().get(i);
            Map<String, String> r = rows.get(i);
            assertThat(Integer.parseInt(r.get("frequency_per_hour"))).isEqualTo(e.frequency());
            assertThat(r.get("scheme")).isEqualTo(e.scheme().name());
            assertThat(num(r, "trades_per_hour")).isEqualTo(e.tradesPerHour());
            assertThat(num(r, "mean_total_confirmation_min")).isEqualTo(e.meanTotalMinutes());
        }
        NodeList lines = xml("fig5b-trades-per-hour.svg").getElementsByTagNameNS(SVG, "polyline");
        assertThat(lines.getLength()).isEqualTo(4); // three schemes and the requested rate
        assertThat(xml("fig5a-confirmation-time.svg")
                        .getElementsByTagNameNS(SVG, "polyline")
                        .getLength())
                .isEqualTo(3);
    }

    @Test
    void aZeroChainConfirmationIsRefusedWithExitCodeTwo() {
        CliRun r = CliRun.of("paper-figures", "--out", dir.resolve("x").toString(), "--chain-confirmation", "0s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--chain-confirmation must be longer than 0");
    }

    private static List<Map<String, String>> csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as("%s: %s", name, line).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Document xml(String name) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name))));
    }

    private static double num(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
