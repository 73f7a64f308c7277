package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.ebc.gateway.GatewayConfig;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's setup with the real authority API: every device ends up enrolled as on a real site. */
class BenchSiteTest {
    @TempDir
    Path root;

    @Test
    void everyMeterGetsItsOwnKeyDirectoryWithACertificateTheAuthorityIssuedForItsNodeAndSerial() throws IOException {
        List<String> progress = new ArrayList<>();
        BenchSite site = BenchSite.prepare(
                root.resolve("bench"),
                EagId.of("eag-bench"),
                MeterRoster.plan(3, "node-"),
                Clock.systemUTC(),
                progress::add);

        X509Certificate authority = Pem.readCertificate(site.authorityDir().resolve("ca.crt"));
        CertificateValidator validator = new CertificateValidator(authority);
        for (BenchMeter m : site.meters()) {
            Path keys = site.keyDir(m);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                    .isEqualTo("rwx------");
            assertThat(keys.resolve("node.key")).exists();
            assertThat(keys.resolve("wallet-3.key")).exists();
            assertThat(keys.resolve("wallets.req")).exists();
            X509Certificate cert = Pem.readCertificate(keys.resolve("node.crt"));
            CertificateCheck check = validator.check(
                    new ArrayList<>(List.of(cert)), Clock.systemUTC().instant(), CertificateRole.NODE);
            assertThat(check.isValid())
                    .as("%s: %s %s", m.node(), check.reason(), check.detail())
                    .isTrue();
            assertThat(check.subject().id()).isEqualTo(m.node().value());
            assertThat(check.subject().meterSerial()).isEqualTo(m.meterSerial());
            byte[] probe = "bench".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Signatures.verify(
                            cert.getPublicKey(),
                            probe,
                            Signatures.sign(Pem.readPrivateKey(keys.resolve("node.key")), probe)))
                    .as("node.crt certifies node.key")
                    .isTrue();
            assertThat(Pem.readCertificate(keys.resolve("ca.crt"))).isEqualTo(authority);
        }
        assertThat(site.gatewayKeys().resolve("eag.crt")).exists();
        assertThat(progress).anyMatch(line -> line.contains("the bench stands in for 3 devices"));
    }

    @Test
    void theGatewaySettingsAreAValidGatewayConfigurationAndAreWrittenForTheStatusCommand() throws IOException {
        BenchSite site = BenchSite.prepare(
                root.resolve("bench"), EagId.of("eag-bench"), MeterRoster.plan(1, "node-"), Clock.systemUTC(), s -> {});

        Map<String, String> settings = site.gatewaySettings(Map.of("broker.port", "0"));
        GatewayConfig config = GatewayConfig.of(settings, Clock.systemUTC());
        GatewayConfig fromFile = GatewayConfig.load(site.gatewayProperties(), Clock.systemUTC());

        assertThat(config.authorityDir()).contains(site.authorityDir());
        assertThat(fromFile.dataDir()).isEqualTo(site.gatewayDir());
        assertThat(fromFile.broker()).isEqualTo(config.broker());
        assertThat(config.trustCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    }
}
