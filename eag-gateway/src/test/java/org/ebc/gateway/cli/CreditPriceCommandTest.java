package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code credit price}, run in-process on its own command line (so these tests hold whether it sits under
 * the {@code credit} group or at the top level).
 */
class CreditPriceCommandTest {
    private static final String[] TYPICAL = {
        "--d",
        "20200",
        "--theta",
        "2250",
        "--t",
        "5",
        "--lambda",
        "0.8",
        "--grade",
        "B3",
        "--cost",
        "0.15",
        "--price",
        "1",
        "--q-min",
        "1000"
    };

    @TempDir
    Path dir;

    static CliRun price(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CreditPriceCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void itPrintsTheClosedFormOfferAndAlgorithmOnesWithTheFixedPointAmounts() {
        CliRun r = price(TYPICAL);
        Offer expected = (Offer) ClosedFormPricing.price(
                new PricingInput(20_200, 2_250, 5, 3.5, 0.8, CreditGrade.B3.gamma(), 0.15, 1, 1_000, 10));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("closed form (eqs. 12-13 corrected): offer (stationary point)")
                .contains(expected.penaltyRate().toString())
                .contains(expected.interestRatePerMonth().toString())
                .contains("lent as " + expected.loanAmount() + " ("
                        + expected.loanAmount().minorUnits() + " minor units")
                .contains(
                        "in time: " + expected.interestDue() + " interest; late: " + expected.penaltyDue() + " penalty")
                .contains("gamma = 0.8 (grade B3)")
                .contains("k = price (q-min - theta) = -1250 coins")
                .containsPattern(
                        "Algorithm 1 \\(corrected; golden section in ln alpha\\): offer \\(\\d+ borrower responses\\)");
    }

    @Test
    void aBorrowerTheBankCannotProfitablyLendToIsShownAsRefusedWithTheReason() {
        CliRun r = price(
                "--d",
                "20200",
                "--theta",
                "2250",
                "--t",
                "10",
                "--lambda",
                "0.05",
                "--grade",
                "A1",
                "--cost",
                "0.2",
                "--price",
                "1",
                "--q-min",
                "1000");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("closed form (eqs. 12-13 corrected): refused, UNPROFITABLE")
                .contains("Algorithm 1 (corrected; golden section in ln alpha): refused, UNPROFITABLE");
    }

    @Test
    void aBorrowerWithoutARecordGetsLambdaOneHalf() {
        CliRun r = price(
                "--d",
                "20200",
                "--theta",
                "2250",
                "--t",
                "5",
                "--repaid",
                "0",
                "--failed",
                "0",
                "--gamma",
                "1",
                "--cost",
                "0.2",
                "--price",
                "1",
                "--q-min",
                "1000",
                "--method",
                "closed-form");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("lambda = 0.5 (from RP(0, 0): no record)").doesNotContain("Algorithm 1");
    }

    @Test
    void aBorrowerWhoNeverRepaidInTimeIsRefusedWithThatReason() {
        CliRun r = price(
                "--d",
                "20200",
                "--theta",
                "2250",
                "--t",
                "5",
                "--repaid",
                "0",
                "--failed",
                "2",
                "--gamma",
                "1",
                "--cost",
                "0.2",
                "--price",
                "1",
                "--q-min",
                "1000",
                "--method",
                "algorithm-1");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("refused, NO_TIMELY_REPAYMENT").doesNotContain("closed form");
    }

    @Test
    void aValueOutsideTheModelIsRefusedNamingTheOptionWithExitCodeTwo() {
        String[] args = TYPICAL.clone();
        args[7] = "1.5"; // --lambda
        CliRun r = price(args);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--lambda must be a number in [0, 1], not 1.5");
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheOption() {
        String[] args = TYPICAL.clone();
        args[1] = "lots";
        CliRun r = price(args);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--d must be a number, not 'lots'");
    }

    @Test
    void aMissingParameterIsNamed() {
        CliRun r = price(
                "--d",
                "20200",
                "--theta",
                "2250",
                "--lambda",
                "0.8",
                "--grade",
                "B3",
                "--cost",
                "0.15",
                "--price",
                "1",
                "--q-min",
                "1000");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing --t (or 't' in --file)");
    }

    @Test
    void lambdaAndARepaymentRecordTogetherAreRefused() {
        String[] args = java.util.Arrays.copyOf(TYPICAL, TYPICAL.length + 2);
        args[TYPICAL.length] = "--repaid";
        args[TYPICAL.length + 1] = "3";
        CliRun r = price(args);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give --lambda or the repayment record (--repaid), not both");
    }

    @Test
    void anUnknownGradeIsRefused() {
        String[] args = TYPICAL.clone();
        args[9] = "H2";
        CliRun r = price(args);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--grade must be a credit grade A1 ... G5, not H2");
    }

    @Test
    void parametersComeFromAFileAndAnOptionWinsOverTheFile() throws IOException {
        Path file = dir.resolve("borrower.properties");
        Files.writeString(
                file,
                "d = 20200\ntheta = 2250\nt = 5\nlambda = 0.8\ngrade = B3\ncost = 0.15\nprice = 1\nq-min = 1000\n");

        CliRun fromFile = price("--file", file.toString(), "--method", "closed-form");
        CliRun overridden = price("--file", file.toString(), "--method", "closed-form", "--t", "2");

        assertThat(fromFile.exit()).as(fromFile.toString()).isZero();
        assertThat(fromFile.out())
                .contains("t = 5 months")
                .isEqualTo(price(concat(TYPICAL, "--method", "closed-form")).out());
        assertThat(overridden.out()).contains("t = 2 months");
    }

    @Test
    void aBadValueInTheFileNamesTheKeyAndTheFileAndAnUnknownKeyIsRefused() throws IOException {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(
                bad, "d = 20200\ntheta = -3\nt = 5\nlambda = 0.8\ngrade = B3\ncost = 0.15\nprice = 1\nq-min = 1000\n");
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "thetta = 2250\n");

        CliRun r = price("--file", bad.toString());
        CliRun t = price("--file", typo.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'theta' in " + bad + " must be a finite number > 0 (units of energy), not -3");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("config key 'thetta'").contains("unknown key");
    }

    @Test
    void helpListsEveryParameter() {
        CliRun r = price("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "--d=D",
                        "--theta=THETA",
                        "--t=MONTHS",
                        "--eta=ETA",
                        "--lambda=LAMBDA",
                        "--repaid=S",
                        "--failed=F",
                        "--grade=A1..G5",
                        "--gamma=GAMMA",
                        "--cost=C",
                        "--price=P",
                        "--q-min=Q",
                        "--alpha-max=A",
                        "--method=closed-form|algorithm-1|both",
                        "--file=FILE",
                        "default 3.5",
                        "default 10");
    }

    @Test
    void theGatewayCommandLineOffersItAsCreditPrice() {
        CliRun r = CliRun.of("credit", "price", "--help");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: eag-gateway credit price");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
