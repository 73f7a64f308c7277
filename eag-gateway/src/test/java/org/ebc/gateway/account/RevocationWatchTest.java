package org.ebc.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the authority's crl.pem when it changes, with real signed CRL files. */
class RevocationWatchTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final Revocations revocations = new Revocations(RevocationList.EMPTY);

    @TempDir
    Path dir;

    private void writeCrl(TestAuthority signer, List<BigInteger> serials, long number) {
        Pem.writePublic(
                dir.resolve("crl.pem"),
                Certificates.revocationList(
                        signer.root(),
                        signer.rootKeys().getPrivate(),
                        serials,
                        NOW,
                        NOW.plus(Duration.ofDays(7)),
                        BigInteger.valueOf(number)));
    }

    @Test
    void aNewListIsLoadedOnceAndAChangedOneAgain() {
        RevocationWatch watch = new RevocationWatch(dir.resolve("crl.pem"), authority.root(), revocations);
        writeCrl(authority, List.of(), 1);

        assertThat(watch.check()).isTrue();
        assertThat(watch.check()).isFalse();
        long generation = revocations.generation();

        writeCrl(authority, List.of(BigInteger.valueOf(101), BigInteger.valueOf(102)), 2);

        assertThat(watch.check()).isTrue();
        assertThat(revocations.current().serials()).isEqualTo(Set.of(BigInteger.valueOf(101), BigInteger.valueOf(102)));
        assertThat(revocations.generation()).isGreaterThan(generation);
    }

    @Test
    void aListNotSignedByTheAuthorityIsRefusedAndThePreviousOneKept() {
        RevocationWatch watch = new RevocationWatch(dir.resolve("crl.pem"), authority.root(), revocations);
        writeCrl(authority, List.of(BigInteger.valueOf(7)), 1);
        watch.check();

        writeCrl(TestAuthority.create("forger", NOW), List.of(), 2);

        assertThat(watch.check()).isFalse();
        assertThat(revocations.current().isRevoked(BigInteger.valueOf(7))).isTrue();
    }

    @Test
    void anUnreadableOrMissingFileKeepsThePreviousList() throws Exception {
        RevocationWatch watch = new RevocationWatch(dir.resolve("crl.pem"), authority.root(), revocations);
        writeCrl(authority, List.of(BigInteger.valueOf(7)), 1);
        watch.check();

        Files.writeString(dir.resolve("crl.pem"), "garbage");
        assertThat(watch.check()).isFalse();
        Files.delete(dir.resolve("crl.pem"));
        assertThat(watch.check()).isFalse();

        assertThat(revocations.current().isRevoked(BigInteger.valueOf(7))).isTrue();
    }
}
