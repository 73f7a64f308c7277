package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.LoanGame;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.gateway.credit.pricing.PricingOutcome;
import org.ebc.gateway.credit.pricing.Refusal;
import org.ebc.gateway.credit.pricing.RepaymentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway credit price}: the bank's optimal offer for one borrower, for an operator's what-if
 * (docs/credit-pricing.md §6), a subcommand of {@link CreditCommand}. Exit code 0 with an
 * offer or a refusal, 2 for a bad or missing parameter.
 */
@Command(
        name = "price",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Price one loan as the credit bank would (paper section IV, corrected; docs/credit-pricing.md): prints the optimal "
                    + "penalty rate alpha, interest rate beta = alpha/(eta t), loan amount R, the bank's and the borrower's utility, "
                    + "and the amounts due; or the refusal and its reason (INVALID_PARAMETERS, NO_TIMELY_REPAYMENT, UNPROFITABLE).",
            "Parameters come from the options, from a properties file (--file; keys as the option names without the dashes, "
                    + "e.g. 'q-min = 1000'), or both: an option wins over the file. Required: d, theta, t, cost, price, q-min, "
                    + "lambda or repaid/failed, grade or gamma."
        })
public final class CreditPriceCommand implements Callable<Integer> {
    static final String REPAID = "repaid";
    static final String FAILED = "failed";
    static final String GRADE = "grade";
    static final String METHOD = "method";
    static final double DEFAULT_ETA = 3.5;
    static final double DEFAULT_ALPHA_MAX = 10;
    private static final Set<String> FILE_KEYS = Set.of(
            PricingInput.D,
            PricingInput.THETA,
            PricingInput.MONTHS,
            PricingInput.ETA,
            PricingInput.LAMBDA,
            REPAID,
            FAILED,
            GRADE,
            PricingInput.GAMMA,
            PricingInput.UNIT_COST,
            PricingInput.PRICE,
            PricingInput.MIN_DEMAND,
            PricingInput.ALPHA_MAX,
            METHOD);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--d",
            paramLabel = "D",
            description = "the borrower's satisfaction factor d of eq. (1), > 0 (Table II: 20000-20400)")
    String d;

    @Option(
            names = "--theta",
            paramLabel = "THETA",
            description = "theta of eq. (1), units of energy, > 0 (Table II: 2000-2500)")
    String theta;

    @Option(names = "--t", paramLabel = "MONTHS", description = "the loan term t in months, > 0 (Table II: up to 10)")
    String months;

    @Option(names = "--eta", paramLabel = "ETA", description = "eta = alpha / (t beta), > 1 (default 3.5, Table II)")
    String eta;

    @Option(
            names = "--lambda",
            paramLabel = "LAMBDA",
            description = "the borrower's repayment ability in [0, 1]; or give --repaid and --failed")
    String lambda;

    @Option(
            names = "--repaid",
            paramLabel = "S",
            description = "loans repaid within their buffer, s of RP(s, f); lambda = s/(s+f), 0.5 with no record")
    String repaid;

    @Option(
            names = "--failed",
            paramLabel = "F",
            description = "loans not repaid in time, f of RP(s, f) (default 0 when --repaid is given)")
    String failed;

    @Option(
            names = "--grade",
            paramLabel = "A1..G5",
            description = "the borrower's credit grade; gamma = 1 - (n-1)/35; or give --gamma")
    String grade;

    @Option(names = "--gamma", paramLabel = "GAMMA", description = "the bank's credit grade factor in (0, 1]")
    String gamma;

    @Option(
            names = "--cost",
            paramLabel = "C",
            description = "the bank's unit cost c per coin lent per month, > 0 (Table II: 0.1-0.2)")
    String cost;

    @Option(names = "--price", paramLabel = "P", description = "the energy price p, coins per unit of energy, > 0")
    String price;

    @Option(
            names = "--q-min",
            paramLabel = "Q",
            description = "the borrower's minimum energy demand Q_min, units of energy, >= 0")
    String minDemand;

    @Option(
            names = "--alpha-max",
            paramLabel = "A",
            description = "the largest penalty rate the bank may charge, > 0 (default 10)")
    String alphaMax;

    @Option(
            names = "--method",
            paramLabel = "closed-form|algorithm-1|both",
            description = "which solution to print (default both: they agree to 0.1 %%)")
    String method;

    @Option(names = "--file", paramLabel = "FILE", description = "a properties file with any of the parameters above")
    Path file;

    /** A parameter's text and where it came from (an option, or a key in the file), for error messages. */
    private record Given(String text, String source) {}

    @Override
    public Integer call() {
        Map<String, Given> given = gather();
        PricingInput in = input(given);
        List<PricingMethod> methods = methods(given);
        PrintWriter out = spec.commandLine().getOut();
        describe(out, in, given);
        for (PricingMethod m : methods) {
            out.println();
            print(out, m, m.price(in));
        }
        out.flush();
        return 0;
    }

    private Map<String, Given> gather() {
        Map<String, Given> given = new LinkedHashMap<>();
        if (file != null) {
            Settings settings;
            try {
                settings = Settings.load(file);
                settings.rejectUnknownKeys(FILE_KEYS);
            } catch (ConfigException e) {
                throw usage(e.getMessage());
            }
            for (Map.Entry<String, String> e : settings.asMap().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    given.put(e.getKey(), new Given(e.getValue(), "'" + e.getKey() + "' in " + file));
                }
            }
        }
        option(given, PricingInput.D, d);
        option(given, PricingInput.THETA, theta);
        option(given, PricingInput.MONTHS, months);
        option(given, PricingInput.ETA, eta);
        option(given, PricingInput.LAMBDA, lambda);
        option(given, REPAID, repaid);
        option(given, FAILED, failed);
        option(given, GRADE, grade);
        option(given, PricingInput.GAMMA, gamma);
        option(given, PricingInput.UNIT_COST, cost);
        option(given, PricingInput.PRICE, price);
        option(given, PricingInput.MIN_DEMAND, minDemand);
        option(given, PricingInput.ALPHA_MAX, alphaMax);
        option(given, METHOD, method);
        return given;
    }

    private static void option(Map<String, Given> given, String name, String value) {
        if (value != null) {
            given.put(name, new Given(value, "--" + name));
        }
    }

    private PricingInput input(Map<String, Given> given) {
        double lambdaValue = lambda(given);
        double gammaValue = gamma(given);
        PricingInput in = new PricingInput(
                number(given, PricingInput.D, null),
                number(given, PricingInput.THETA, null),
                number(given, PricingInput.MONTHS, null),
                number(given, PricingInput.ETA, DEFAULT_ETA),
                lambdaValue,
                gammaValue,
                number(given, PricingInput.UNIT_COST, null),
                number(given, PricingInput.PRICE, null),
                number(given, PricingInput.MIN_DEMAND, null),
                number(given, PricingInput.ALPHA_MAX, DEFAULT_ALPHA_MAX));
        Optional<PricingInput.InvalidParameter> problem = in.firstProblem();
        if (problem.isPresent()) {
            PricingInput.InvalidParameter p = problem.get();
            Given g = given.get(p.name());
            String source = g != null ? g.source() : "--" + p.name() + " (derived)";
            throw usage(source + " must be " + p.expected() + ", not " + (g != null ? g.text() : p.value()));
        }
        return in;
    }

    private double lambda(Map<String, Given> given) {
        Given l = given.get(PricingInput.LAMBDA);
        Given s = given.get(REPAID);
        Given f = given.get(FAILED);
        if (l != null && (s != null || f != null)) {
            throw usage(
                    "give " + l.source() + " or the repayment record (" + (s != null ? s : f).source() + "), not both");
        }
        if (l != null) {
            return number(given, PricingInput.LAMBDA, null);
        }
        if (s == null && f == null) {
            throw usage("missing the repayment ability: give --lambda, or --repaid and --failed "
                    + "(--repaid 0 --failed 0 for a borrower with no record)");
        }
        return new RepaymentRecord(count(given, REPAID), count(given, FAILED)).lambda();
    }

    private double gamma(Map<String, Given> given) {
        Given g = given.get(GRADE);
        Given x = given.get(PricingInput.GAMMA);
        if (g != null && x != null) {
            throw usage("give " + g.source() + " or " + x.source() + ", not both");
        }
        if (g != null) {
            return CreditGrade.parse(g.text())
                    .orElseThrow(() -> usage(g.source() + " must be a credit grade A1 ... G5, not " + g.text()))
                    .gamma();
        }
        if (x == null) {
            throw usage("missing the credit grade: give --grade A1..G5 or --gamma");
        }
        return number(given, PricingInput.GAMMA, null);
    }

    private List<PricingMethod> methods(Map<String, Given> given) {
        Given m = given.get(METHOD);
        String text = m == null ? "both" : m.text().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "both" -> List.of(PricingMethod.CLOSED_FORM, PricingMethod.ALGORITHM_1);
            case "closed-form" -> List.of(PricingMethod.CLOSED_FORM);
            case "algorithm-1" -> List.of(PricingMethod.ALGORITHM_1);
            default -> throw usage(m.source() + " must be closed-form, algorithm-1 or both, not " + m.text());
        };
    }

    private double number(Map<String, Given> given, String name, Double fallback) {
        Given g = given.get(name);
        if (g == null) {
            if (fallback == null) {
                throw usage("missing --" + name + " (or '" + name + "' in --file)");
            }
            return fallback;
        }
        try {
            return Double.parseDouble(g.text().trim());
        } catch (NumberFormatException e) {
            throw usage(g.source() + " must be a number, not '" + g.text() + "'");
        }
    }

    private int count(Map<String, Given> given, String name) {
        Given g = given.get(name);
        if (g == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(g.text().trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(g.source() + " must be a whole number >= 0, not '" + g.text() + "'");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void describe(PrintWriter out, PricingInput in, Map<String, Given> given) {
        String lambdaSource;
        if (given.containsKey(PricingInput.LAMBDA)) {
            lambdaSource = "given";
        } else {
            RepaymentRecord record = new RepaymentRecord(count(given, REPAID), count(given, FAILED));
            lambdaSource = "from RP(" + record.repaidInTime() + ", " + record.late() + ")"
                    + (record.equals(RepaymentRecord.NONE) ? ": no record" : "");
        }
        String gammaSource = given.containsKey(GRADE)
                ? "grade " + given.get(GRADE).text().trim().toUpperCase(Locale.ROOT)
                : "given";
        out.printf(
                Locale.ROOT,
                "borrower  d = %s, theta = %s, t = %s months, eta = %s, lambda = %s (%s), price = %s, q-min = %s%n",
                g(in.d()),
                g(in.theta()),
                g(in.months()),
                g(in.eta()),
                g(in.lambda()),
                lambdaSource,
                g(in.price()),
                g(in.minDemand()));
        out.printf(Locale.ROOT, "          k = price (q-min - theta) = %s coins%n", g(in.k()));
        out.printf(
                Locale.ROOT,
                "bank      gamma = %s (%s), cost = %s, alpha-max = %s%n",
                g(in.gamma()),
                gammaSource,
                g(in.unitCost()),
                g(in.alphaMax()));
        if (in.lambda() > 0) {
            out.printf(
                    Locale.ROOT,
                    "          break-even rate alpha_c = %s, zero-loan rate alpha_0 = %s, eq. (12) rate = %s%n",
                    g(LoanGame.breakEvenRate(in)),
                    g(LoanGame.zeroLoanRate(in)),
                    in.k() < 0 ? g(LoanGame.stationaryRate(in)) : "none (k >= 0)");
        }
    }

    static void print(PrintWriter out, PricingMethod method, PricingOutcome outcome) {
        String title = method == PricingMethod.CLOSED_FORM
                ? "closed form (eqs. 12-13 corrected)"
                : "Algorithm 1 (corrected; golden section in ln alpha)";
        switch (outcome) {
            case Refusal r -> out.printf(Locale.ROOT, "%s: refused, %s: %s%n", title, r.reason(), r.detail());
            case Offer o -> {
                out.printf(
                        Locale.ROOT,
                        "%s: offer (%s)%n",
                        title,
                        method == PricingMethod.CLOSED_FORM
                                ? o.optimum().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                : o.iterations() + " borrower responses");
                out.printf(Locale.ROOT, "  penalty rate      alpha = %s   %s%n", g(o.alpha()), o.penaltyRate());
                out.printf(
                        Locale.ROOT,
                        "  interest rate     beta  = %s per month   %s; over the term beta t = %s%n",
                        g(o.beta()),
                        o.interestRatePerMonth(),
                        o.termInterestRate());
                out.printf(
                        Locale.ROOT,
                        "  loan              R     = %s coins, lent as %s (%d minor units, rounded down)%n",
                        g(o.loan()),
                        o.loanAmount(),
                        o.loanAmount().minorUnits());
                out.printf(
                        Locale.ROOT,
                        "  due               in time: %s interest; late: %s penalty%n",
                        o.interestDue(),
                        o.penaltyDue());
                out.printf(Locale.ROOT, "  bank utility      u_bc  = %s%n", g(o.bankUtility()));
                out.printf(Locale.ROOT, "  borrower utility  u_i   = %s%n", g(o.borrowerUtility()));
            }
        }
    }

    private static String g(double v) {
        return Double.isInfinite(v)
                ? (v > 0 ? "infinity" : "-infinity")
                : String.format(Locale.ROOT, "%.10g", v)
                        .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                        .replaceAll("\\.(e|$)", "$1");
    }
}
