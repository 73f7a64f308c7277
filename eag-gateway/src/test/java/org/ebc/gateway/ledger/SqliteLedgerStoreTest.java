package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.gateway.storage.StorageException;
import org.ebc.ledger.Sha256Hash;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger in a real SQLite file: blocks, transactions and certificates, and the consensus journal. */
class SqliteLedgerStoreTest {
    @TempDir
    Path dir;

    private SqliteLedgerStore open(CertifiedChain chain) throws Exception {
        return new SqliteLedgerStore(
                GatewayDatabase.openMigrated(GatewayDatabase.file(dir)), chain.c.genesis(), EagId.of("eag-1"));
    }

    @Test
    void committedBlocksSurviveAReopenWithTheirTransactionsAndCertificates() throws Exception {
        CertifiedChain chain = CertifiedChain.standard();
        try (SqliteLedgerStore store = open(chain)) {
            assertThat(store.height()).isZero();
            assertThat(store.tip().hex()).isEqualTo(chain.c.genesis().hash().hex());
            for (int i = 0; i < chain.blocks.size(); i++) {
                store.append(chain.blocks.get(i), chain.facts.get(i));
            }
        }
        try (SqliteLedgerStore store = open(chain)) {
            assertThat(store.height()).isEqualTo(4);
            assertThat(store.tip()).isEqualTo(chain.blocks.get(3).hash());
            CertifiedBlock second = store.block(2).orElseThrow();
            assertThat(second.block()).isEqualTo(chain.blocks.get(1).block());
            assertThat(second.certificate().toJson())
                    .isEqualTo(chain.blocks.get(1).certificate().toJson());
            assertThat(store.block(5)).isEmpty();
            assertThat(store.block(0)).isEmpty();
        }
        try (java.sql.Connection c = GatewayDatabase.openReader(GatewayDatabase.file(dir))) {
            byte[] transfer = org.ebc.ledger.Block.decode(chain.blocks.get(1).block())
                    .orElseThrow()
                    .transactions()
                    .get(0);
            assertThat(SqliteLedgerStore.position(c, Sha256Hash.of(transfer).hex()))
                    .contains(new SqliteLedgerStore.Position(2, 1));
        }
    }

    @Test
    void theStoredChainChecksFromGenesisWithItsBalances() throws Exception {
        CertifiedChain chain = CertifiedChain.standard();
        try (SqliteLedgerStore store = open(chain)) {
            for (int i = 0; i < chain.blocks.size(); i++) {
                store.append(chain.blocks.get(i), chain.facts.get(i));
            }
        }
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(dir))) {
            SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(c);
            LedgerCheck.Report r = LedgerCheck.check(
                    chain.c.genesis(),
                    chain.enrollments,
                    rows.blocks(),
                    rows.transactions(),
                    chain.validator,
                    chain.clock);
            assertThat(r.finding()).isNull();
            assertThat(r.blocks()).isEqualTo(4);
            assertThat(r.transactions()).isEqualTo(5);
            assertThat(r.state().tipHash().hex())
                    .isEqualTo(chain.blocks.get(3).hash().hex());
            assertThat(r.state().balance(chain.c.node(1).address()))
                    .isEqualTo(chain.state.balance(chain.c.node(1).address()));
            assertThat(r.state().supply()).isEqualTo(chain.state.supply());
            assertThat(r.state().supply()).isGreaterThan(CoinAmount.ZERO);
        }
    }

    @Test
    void aBlockThatDoesNotExtendTheTipIsNotStored() throws Exception {
        CertifiedChain chain = CertifiedChain.standard();
        try (SqliteLedgerStore store = open(chain)) {
            store.append(chain.blocks.get(0), chain.facts.get(0));
            assertThatThrownBy(() -> store.append(chain.blocks.get(2), chain.facts.get(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not extend the chain at 1");
            assertThat(store.height()).isEqualTo(1);
        }
    }

    @Test
    void aFileBoundToAnotherGenesisOrEagIsRefused() throws Exception {
        CertifiedChain chain = CertifiedChain.standard();
        open(chain).close();
        TestConsortium other = TestConsortium.create(4, 8);
        assertThatThrownBy(() -> new SqliteLedgerStore(
                        GatewayDatabase.openMigrated(GatewayDatabase.file(dir)), other.genesis(), EagId.of("eag-1")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds the ledger of genesis "
                        + chain.c.genesis().hash().hex());
        assertThatThrownBy(() -> new SqliteLedgerStore(
                        GatewayDatabase.openMigrated(GatewayDatabase.file(dir)), chain.c.genesis(), EagId.of("eag-2")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("at EAG eag-1");
    }

    @Test
    void theJournalKeepsVotesInOrderAcrossAReopenUntilForgotten() throws Exception {
        CertifiedChain chain = CertifiedChain.standard();
        try (SqliteLedgerStore store = open(chain)) {
            store.recordSigned(3, new byte[] {1, 2});
            store.recordSigned(3, new byte[] {3});
            store.recordSigned(4, new byte[] {4});
            store.recordValid(3, 1, new byte[] {9, 9}, List.of(new byte[] {7}, new byte[0], new byte[] {8, 8}));
            store.recordValid(3, 2, new byte[] {9}, List.of(new byte[] {6}));
        }
        try (SqliteLedgerStore store = open(chain)) {
            assertThat(store.signed(3)).containsExactly(new byte[] {1, 2}, new byte[] {3});
            assertThat(store.signed(4)).containsExactly(new byte[] {4});
            var valid = store.valid(3).orElseThrow();
            assertThat(valid.round()).isEqualTo(2);
            assertThat(valid.block()).isEqualTo(new byte[] {9});
            assertThat(valid.justification()).containsExactly(new byte[] {6});
            store.forgetBelow(4);
            assertThat(store.signed(3)).isEmpty();
            assertThat(store.valid(3)).isEmpty();
            assertThat(store.signed(4)).hasSize(1);
        }
    }
}
