package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyId;
import org.ebc.gateway.EagIdentity;
import org.ebc.testing.TestAuthority;
import org.ebc.testing.TestConsortium;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger.genesis}: the gateway takes a seat only in a consortium its authority signed and that names it with
 * its own key; anything else stops the start with the key and the file named. (The seat at work: the bench, which
 * starts the gateway with {@code ledger.genesis}, in {@code BenchCommandIT} and {@code BenchTradeProofIT}.)
 */
class GatewayLedgerTest {
    @TempDir
    Path tmp;

    final TestConsortium c = TestConsortium.create(4, 0);

    private Path genesisFile() throws Exception {
        Path f = tmp.resolve("genesis.json");
        Files.write(f, c.genesisBytes());
        return f;
    }

    private static EagIdentity identity(EagId id, TestAuthority.Issued issued) {
        return new EagIdentity(
                id,
                issued.keys().getPrivate(),
                issued.certificate(),
                KeyId.of(issued.keys().getPublic()));
    }

    @Test
    void aGenesisOfItsAuthorityNamingThisEagWithItsKeyIsTaken() throws Exception {
        TestConsortium.Eag eag2 = c.eag(2);
        assertThat(GatewayLedger.readGenesis(genesisFile(), c.authority().root(), identity(eag2.id(), eag2.issued()))
                        .hash())
                .isEqualTo(c.genesis().hash());
    }

    @Test
    void aGenesisAnotherAuthoritySignedIsRefusedNamingTheKey() throws Exception {
        TestConsortium other = TestConsortium.create(1, 0);
        Path f = genesisFile();
        assertThatThrownBy(() -> GatewayLedger.readGenesis(
                        f,
                        other.authority().root(),
                        identity(c.eag(1).id(), c.eag(1).issued())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.genesis")
                .hasMessageContaining(f.toString())
                .hasMessageContaining("does not verify under the authority's root");
    }

    @Test
    void aGenesisWithoutThisEagIsRefused() throws Exception {
        TestAuthority.Issued stranger = c.authority().eag("eag-9");
        assertThatThrownBy(() -> GatewayLedger.readGenesis(
                        genesisFile(), c.authority().root(), identity(EagId.of("eag-9"), stranger)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(GatewayLedger.GENESIS_KEY))
                .hasMessageContaining("names no EAG eag-9");
    }

    @Test
    void aGenesisNamingThisEagWithAnotherKeyIsRefused() throws Exception {
        TestAuthority.Issued rekeyed = c.authority().eag("eag-1");
        assertThatThrownBy(() -> GatewayLedger.readGenesis(
                        genesisFile(), c.authority().root(), identity(EagId.of("eag-1"), rekeyed)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("with another key than this gateway's certificate");
    }

    @Test
    void aMissingGenesisFileIsRefused() {
        Path missing = tmp.resolve("nowhere.json");
        assertThatThrownBy(() -> GatewayLedger.readGenesis(
                        missing,
                        c.authority().root(),
                        identity(c.eag(1).id(), c.eag(1).issued())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be read");
    }
}
