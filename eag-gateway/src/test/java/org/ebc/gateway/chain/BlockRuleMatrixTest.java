package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.KeyPairs;
import org.ebc.ledger.Coinbase;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.Target;
import org.ebc.ledger.TxBody;
import org.ebc.ledger.TxKind;
import org.ebc.testing.TestConsortium;
import org.ebc.testing.TestConsortium.Node;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/**
 * The block-rule matrix: each test builds a block that is valid but for one thing and expects that one
 * reason. The fixture's chain has block 1 paying every node its 20-coin allocation (node-1 and node-3 are
 * at home at eag-1, node-2 and node-4 at eag-2).
 */
class BlockRuleMatrixTest {
    static final long T0 = TestConsortium.GENESIS_TIME.toEpochMilli();
    static final long MINUTES_15 = 900_000;

    final ChainFixture f = ChainFixture.standard().funded();
    final TestConsortium c = f.c;

    Node node(int i) {
        return c.node(i);
    }

    byte[] pay(int from, long nonce, int to, long coins) {
        return c.transferTx(node(from), nonce, node(to), CoinAmount.ofCoins(coins), f.tipTime());
    }

    byte[] award(int to, long period) {
        return c.admit(
                node(to).home(),
                new TxBody.AwardTx(node(to).address(), CoinAmount.ofCoins(1), period, Energy.ofWh(5000)),
                period + MINUTES_15);
    }

    BlockReason reasonOf(ChainFixture.Draft d) {
        return f.validate(d.build()).reason();
    }

    @Test
    void aBlockThatBreaksNoRuleIsValidAndItsEffectsAreTheMovedCoins() {
        BlockVerdict v = f.validate(f.draft(pay(1, 1, 2, 5)).build());

        assertThat(v.reason()).as(v.detail()).isEqualTo(BlockReason.VALID);
        BlockEffects e = v.effectsOrThrow();
        assertThat(e.balances())
                .containsEntry(node(1).address(), CoinAmount.ofCoins(15))
                .containsEntry(node(2).address(), CoinAmount.ofCoins(25))
                .containsEntry(c.eag(1).address(), CoinAmount.ofCoins(2));
        assertThat(e.nonces()).containsExactly(Map.entry(node(1).address(), 1L));
        assertThat(e.minted()).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(e.transactionIds()).hasSize(2);
        assertThat(v.transaction()).isEqualTo(-1);
    }

    @Test
    void bytesThatAreNotABlockAreAMalformedBlock() {
        byte[] raw = f.draft(pay(1, 1, 2, 5)).build().encode();

        assertThat(f.validator
                        .validate(Arrays.copyOf(raw, raw.length - 1), f.state, f.clock)
                        .reason())
                .isEqualTo(BlockReason.MALFORMED_BLOCK);
        assertThat(f.validator.validate(new byte[] {1, 2, 3}, f.state, f.clock).reason())
                .isEqualTo(BlockReason.MALFORMED_BLOCK);
        assertThat(f.validator.validate(raw, f.state, f.clock).reason()).isEqualTo(BlockReason.VALID);
    }

    @Test
    void aBlockOfAnotherGenesisIsOnTheWrongChain() {
        ChainFixture.Draft d = f.draft(pay(1, 1, 2, 5));
        d.chain = Sha256Hash.of("another consortium".getBytes(StandardCharsets.US_ASCII));

        assertThat(reasonOf(d)).isEqualTo(BlockReason.WRONG_CHAIN);
    }

    @Test
    void aBlockThatSkipsOrRepeatsAHeightIsAtTheWrongHeight() {
        ChainFixture.Draft skip = f.draft();
        skip.height = 3;
        ChainFixture.Draft repeat = f.draft();
        repeat.height = 1;

        assertThat(reasonOf(skip)).isEqualTo(BlockReason.WRONG_HEIGHT);
        assertThat(reasonOf(repeat)).isEqualTo(BlockReason.WRONG_HEIGHT);
    }

    @Test
    void aBlockThatDoesNotBuildOnTheTipHasTheWrongPrevious() {
        ChainFixture.Draft d = f.draft();
        d.previous = f.genesis().hash();

        assertThat(reasonOf(d)).isEqualTo(BlockReason.WRONG_PREVIOUS);
    }

    @Test
    void aBlockMinedByAnEagNotInTheGenesisHasAnUnknownMiner() {
        ChainFixture.Draft d = f.draft();
        d.miner = EagId.of("eag-9");
        d.signer = KeyPairs.generate();

        assertThat(reasonOf(d)).isEqualTo(BlockReason.UNKNOWN_MINER);
    }

    @Test
    void aBlockSignedByAnotherKeyThanItsMinersHasABadMinerSignature() {
        ChainFixture.Draft d = f.draft(pay(1, 1, 2, 5));
        d.signer = c.eag(2).keys();

        assertThat(reasonOf(d)).isEqualTo(BlockReason.BAD_MINER_SIGNATURE);
    }

    @Test
    void aBlockWithAnotherTargetThanTheRuleGivesHasTheWrongDifficulty() {
        ChainFixture.Draft easier = f.draft();
        easier.target = Target.ofLeadingZeroBits(4);
        ChainFixture.Draft harder = f.draft();
        harder.target = Target.ofLeadingZeroBits(9);

        assertThat(reasonOf(easier)).isEqualTo(BlockReason.WRONG_DIFFICULTY);
        assertThat(reasonOf(harder)).isEqualTo(BlockReason.WRONG_DIFFICULTY);
    }

    @Test
    void aBlockWhoseHashMissesItsTargetHasInsufficientWork() {
        ChainFixture.Draft d = f.draft(pay(1, 1, 2, 5));
        d.insufficientWork = true;

        assertThat(reasonOf(d)).isEqualTo(BlockReason.INSUFFICIENT_WORK);
    }

    @Test
    void aBlockStampedFurtherAheadOfTheClockThanTheAllowanceIsTooFarAhead() {
        long limit = ChainFixture.NOW.toEpochMilli() + f.genesis().timestamps().futureAllowanceMillis();

        assertThat(reasonOf(f.draft().at(limit + 1))).isEqualTo(BlockReason.TIMESTAMP_TOO_FAR_AHEAD);
        assertThat(reasonOf(f.draft().at(limit))).isEqualTo(BlockReason.VALID);
    }

    @Test
    void aBlockNotAfterTheMedianTimeOfTheRecentBlocksIsRefused() {
        for (int i = 0; i < 4; i++) {
            f.commit(f.draft().build());
        }
        long median = NextBlock.medianTimePast(f.state);
        assertThat(median).isLessThan(f.tipTime());

        assertThat(reasonOf(f.draft().at(median))).isEqualTo(BlockReason.TIMESTAMP_NOT_AFTER_MEDIAN);
        assertThat(reasonOf(f.draft().at(median - 60_000))).isEqualTo(BlockReason.TIMESTAMP_NOT_AFTER_MEDIAN);
        assertThat(reasonOf(f.draft().at(median + 1))).isEqualTo(BlockReason.VALID);
    }

    @Test
    void aBlockWhoseHeaderRootIsNotTheRootOfItsContentsHasABadMerkleRoot() {
        ChainFixture.Draft d = f.draft(pay(1, 1, 2, 5), pay(3, 1, 4, 5));
        d.merkleRoot = Sha256Hash.of("some other tree".getBytes(StandardCharsets.US_ASCII));

        assertThat(reasonOf(d)).isEqualTo(BlockReason.BAD_MERKLE_ROOT);
    }

    @Test
    void aTransactionThatIsNotAWellFormedAdmissionIsMalformed() {
        byte[] junk = "EBC1|{\"typ\":\"tx\"}|{}".getBytes(StandardCharsets.US_ASCII);
        BlockVerdict v = f.validate(f.draft(pay(1, 1, 2, 5), junk).build());

        assertThat(v.reason()).isEqualTo(BlockReason.MALFORMED_TRANSACTION);
        assertThat(v.transaction()).isEqualTo(1);
    }

    @Test
    void aTransactionAdmittedWithAKeyOfNoConsortiumEagIsFromAnUnknownEag() {
        TxBody body = c.transferBody(node(1).wallet(), 1, node(2).wallet(), CoinAmount.ofCoins(1), "b-1", f.tipTime());
        byte[] forged = LedgerTransaction.sign(EagId.of("eag-1"), 99, f.tipTime(), body, KeyPairs.generate());

        assertThat(reasonOf(f.draft(forged))).isEqualTo(BlockReason.UNKNOWN_EAG);
    }

    @Test
    void aBadAdmissionTransferOrCosignSignatureIsABadSignature() {
        byte[] good = pay(1, 1, 2, 5);
        String s = new String(good, StandardCharsets.US_ASCII);
        int at = s.indexOf("\"SD\":\"") + 30;
        byte[] badAdmission = good.clone();
        badAdmission[at] = (byte) (badAdmission[at] == '1' ? '2' : '1');

        TxBody.TransferTx body =
                c.transferBody(node(1).wallet(), 1, node(2).wallet(), CoinAmount.ofCoins(5), "bill-x", f.tipTime());
        // The admitting EAG signs over envelopes it did not check: the payer's or payee's signature fails.
        byte[] tr = body.transferEnvelope();
        tr[new String(tr, StandardCharsets.US_ASCII).indexOf("bill-x") + 5] = 'y';
        byte[] badTransfer = c.admit(
                EagId.of("eag-1"), new TxBody.TransferTx(tr, body.transfer(), body.cosignEnvelope(), body.cosign()), 5);
        byte[] co = body.cosignEnvelope();
        int ts = new String(co, StandardCharsets.US_ASCII).indexOf("\"ts\":") + 10;
        co[ts] = (byte) (co[ts] == '1' ? '2' : '1');
        byte[] badCosign = c.admit(
                EagId.of("eag-1"),
                new TxBody.TransferTx(body.transferEnvelope(), body.transfer(), co, body.cosign()),
                6);

        for (byte[] bad : List.of(badAdmission, badTransfer, badCosign)) {
            BlockVerdict v = f.validate(f.draft(bad).build());
            assertThat(v.reason()).as(v.detail()).isEqualTo(BlockReason.BAD_SIGNATURE);
        }
    }

    @Test
    void aTransferCarryingTheCosignOfAnotherTransferIsACosignMismatch() {
        TxBody.TransferTx one =
                c.transferBody(node(1).wallet(), 1, node(2).wallet(), CoinAmount.ofCoins(5), "bill-1", f.tipTime());
        TxBody.TransferTx two =
                c.transferBody(node(1).wallet(), 1, node(2).wallet(), CoinAmount.ofCoins(6), "bill-1", f.tipTime());
        byte[] mixed = c.admit(
                EagId.of("eag-1"),
                new TxBody.TransferTx(one.transferEnvelope(), one.transfer(), two.cosignEnvelope(), two.cosign()),
                1);

        assertThat(reasonOf(f.draft(mixed))).isEqualTo(BlockReason.COSIGN_MISMATCH);
    }

    @Test
    void aTransactionTwiceInABlockOrAlreadyOnTheChainIsADuplicate() {
        byte[] p = pay(1, 1, 2, 5);
        BlockVerdict twice = f.validate(f.draft(p, p).build());
        assertThat(twice.reason()).isEqualTo(BlockReason.DUPLICATE_TRANSACTION);
        assertThat(twice.transaction()).isEqualTo(1);

        f.commit(f.draft(p).build());
        assertThat(reasonOf(f.draft(p))).isEqualTo(BlockReason.DUPLICATE_TRANSACTION);
    }

    @Test
    void aSpendAdmittedByAnEagThatIsNotThePayersHomeIsRefused() {
        TxBody body =
                c.transferBody(node(1).wallet(), 1, node(2).wallet(), CoinAmount.ofCoins(5), "bill-1", f.tipTime());
        byte[] atTheWrongEag = c.admit(EagId.of("eag-2"), body, f.tipTime());

        assertThat(reasonOf(f.draft(atTheWrongEag))).isEqualTo(BlockReason.NOT_HOME_EAG);
    }

    @Test
    void aPaymentFromOrToAnUnregisteredAddressIsRefused() {
        KeyPair stranger = KeyPairs.generate();
        byte[] toStranger = c.admit(
                EagId.of("eag-1"),
                c.transferBody(node(1).wallet(), 1, stranger, CoinAmount.ofCoins(1), "bill-1", f.tipTime()),
                f.tipTime());
        byte[] fromStranger = c.admit(
                EagId.of("eag-1"),
                c.transferBody(stranger, 1, node(1).wallet(), CoinAmount.ofCoins(1), "bill-1", f.tipTime()),
                f.tipTime());

        assertThat(reasonOf(f.draft(toStranger))).isEqualTo(BlockReason.UNKNOWN_ADDRESS);
        assertThat(reasonOf(f.draft(fromStranger))).isEqualTo(BlockReason.UNKNOWN_ADDRESS);
    }

    @Test
    void reusingANonceInTheBlockOrAgainstTheChainIsADoubleSpend() {
        BlockVerdict inBlock =
                f.validate(f.draft(pay(1, 1, 2, 5), pay(1, 1, 4, 5)).build());
        assertThat(inBlock.reason()).isEqualTo(BlockReason.DOUBLE_SPEND);
        assertThat(inBlock.transaction()).isEqualTo(1);

        f.commit(f.draft(pay(1, 1, 2, 5)).build());
        assertThat(reasonOf(f.draft(pay(1, 1, 4, 5)))).isEqualTo(BlockReason.DOUBLE_SPEND);
        assertThat(reasonOf(f.draft(pay(1, 2, 4, 5)))).isEqualTo(BlockReason.VALID);
    }

    @Test
    void skippingANonceIsANonceGap() {
        assertThat(reasonOf(f.draft(pay(1, 2, 2, 5)))).isEqualTo(BlockReason.NONCE_GAP);
        assertThat(reasonOf(f.draft(pay(1, 1, 2, 5), pay(1, 3, 2, 5)))).isEqualTo(BlockReason.NONCE_GAP);
    }

    @Test
    void spendingMoreThanTheBalanceAtThatPositionInTheBlockIsInsufficientFunds() {
        assertThat(reasonOf(f.draft(pay(1, 1, 2, 21)))).isEqualTo(BlockReason.INSUFFICIENT_FUNDS);
        BlockVerdict v = f.validate(f.draft(pay(1, 1, 2, 15), pay(1, 2, 3, 6)).build());
        assertThat(v.reason()).isEqualTo(BlockReason.INSUFFICIENT_FUNDS);
        assertThat(v.transaction()).isEqualTo(1);
        // Received earlier in the same block counts: node-2 pays on what node-1 just paid it.
        assertThat(reasonOf(f.draft(pay(1, 1, 2, 15), pay(2, 1, 3, 30)))).isEqualTo(BlockReason.VALID);
        assertThat(reasonOf(f.draft(pay(2, 1, 3, 30), pay(1, 1, 2, 15)))).isEqualTo(BlockReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void anAllocationForANodeTheAuthorityHasNotRegisteredIsForAnUnknownNode() {
        byte[] tx = c.admit(
                EagId.of("eag-1"),
                new TxBody.AllocationTx(
                        WalletAddress.of(KeyPairs.generate().getPublic()),
                        CoinAmount.ofCoins(20),
                        NodeId.of("node-99")),
                f.tipTime());

        assertThat(reasonOf(f.draft(tx))).isEqualTo(BlockReason.UNKNOWN_NODE);
    }

    @Test
    void aSecondAllocationForOneNodeIsRepeatedInTheBlockOrAgainstTheChain() {
        assertThat(reasonOf(f.draft(c.allocationTx(node(1), f.tipTime())))).isEqualTo(BlockReason.ALLOCATION_REPEATED);

        ChainFixture fresh = ChainFixture.standard();
        byte[] first = fresh.c.allocationTx(fresh.c.node(1), T0 + 1);
        byte[] second = fresh.c.allocationTx(fresh.c.node(1), T0 + 2);
        assertThat(fresh.validate(fresh.draft(first, second).build()).reason())
                .isEqualTo(BlockReason.ALLOCATION_REPEATED);
    }

    @Test
    void anAllocationTheGenesisDoesNotGrantIsNotAllowed() {
        ChainFixture g = ChainFixture.create(1, 3, b -> b.allocation(NodeId.of("node-3"), CoinAmount.ZERO));
        TestConsortium k = g.c;
        byte[] moreThanGranted = k.admit(
                EagId.of("eag-1"),
                new TxBody.AllocationTx(
                        k.node(1).address(), CoinAmount.ofCoins(21), k.node(1).id()),
                T0 + 1);
        byte[] toAnotherNodesAddress = k.admit(
                EagId.of("eag-1"),
                new TxBody.AllocationTx(
                        k.node(2).address(), CoinAmount.ofCoins(20), k.node(1).id()),
                T0 + 1);
        byte[] noneGranted = k.admit(
                EagId.of("eag-1"),
                new TxBody.AllocationTx(
                        k.node(3).address(),
                        CoinAmount.ofMinorUnits(1),
                        k.node(3).id()),
                T0 + 1);

        for (byte[] tx : List.of(moreThanGranted, toAnotherNodesAddress, noneGranted)) {
            assertThat(g.validate(g.draft(tx).build()).reason()).isEqualTo(BlockReason.ALLOCATION_NOT_ALLOWED);
        }
        assertThat(g.validate(g.draft(k.allocationTx(k.node(1), T0 + 1)).build())
                        .reason())
                .isEqualTo(BlockReason.VALID);
    }

    @Test
    void aSpendOfARevokedNodeStampedAtOrAfterItsRevocationIsRefusedAndWhatItDidBeforeStillHolds() {
        byte[] before = pay(1, 1, 2, 5);
        long revokedAt = f.tipTime() + 1_000;
        f.state = f.state.withEnrollments(f.enrollments.revoked(node(1).id(), revokedAt));

        f.commit(f.draft(before).build());
        byte[] after = c.transferTx(node(1), 2, node(2), CoinAmount.ofCoins(1), revokedAt);
        BlockVerdict v = f.validate(f.draft(after).build());

        assertThat(v.reason()).isEqualTo(BlockReason.NODE_REVOKED);
        assertThat(v.detail()).contains(node(1).id().value());
        assertThat(reasonOf(f.draft(pay(2, 1, 1, 1))))
                .as("paying a revoked node moves no coin of it")
                .isEqualTo(BlockReason.VALID);
    }

    @Test
    void anAllocationOfARevokedNodeIsRefused() {
        ChainFixture fresh = ChainFixture.standard();
        fresh.state = fresh.state.withEnrollments(
                fresh.enrollments.revoked(fresh.c.node(1).id(), T0));

        assertThat(fresh.validate(fresh.draft(fresh.c.allocationTx(fresh.c.node(1), T0 + 1))
                                .build())
                        .reason())
                .isEqualTo(BlockReason.NODE_REVOKED);
    }

    @Test
    void anAllocationAdmittedByAnotherEagThanTheNodesHomeIsRefused() {
        ChainFixture fresh = ChainFixture.standard();
        Node n = fresh.c.node(1);
        byte[] tx = fresh.c.admit(
                EagId.of("eag-2"), new TxBody.AllocationTx(n.address(), CoinAmount.ofCoins(20), n.id()), T0 + 1);

        assertThat(fresh.validate(fresh.draft(tx).build()).reason()).isEqualTo(BlockReason.NOT_HOME_EAG);
    }

    @Test
    void anAwardTheGenesisDoesNotGrantIsNotAllowed() {
        long over = T0 + MINUTES_15;
        byte[] wrongAmount = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(node(1).address(), CoinAmount.ofCoins(2), T0, Energy.ofWh(5000)),
                over);
        byte[] misaligned = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(node(1).address(), CoinAmount.ofCoins(1), T0 + 1, Energy.ofWh(5000)),
                over);
        byte[] beforeGenesis = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(node(1).address(), CoinAmount.ofCoins(1), T0 - MINUTES_15, Energy.ofWh(5000)),
                over);
        for (byte[] tx : List.of(wrongAmount, misaligned, beforeGenesis)) {
            assertThat(reasonOf(f.draft(tx).at(over))).isEqualTo(BlockReason.AWARD_NOT_ALLOWED);
        }
        assertThat(reasonOf(f.draft(award(1, T0)).at(over - 1))).isEqualTo(BlockReason.AWARD_NOT_ALLOWED);
        assertThat(reasonOf(f.draft(award(1, T0)).at(over))).isEqualTo(BlockReason.VALID);

        ChainFixture noAward = ChainFixture.create(1, 1);
        byte[] tx = noAward.c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(noAward.c.node(1).address(), CoinAmount.ofCoins(1), T0, Energy.ofWh(1)),
                over);
        assertThat(noAward.validate(noAward.draft(tx).at(over).build()).reason())
                .isEqualTo(BlockReason.AWARD_NOT_ALLOWED);
    }

    @Test
    void anAwardForAnAddressAtHomeElsewhereOrUnregisteredIsRefused() {
        long over = T0 + MINUTES_15;
        byte[] elsewhere = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(node(2).address(), CoinAmount.ofCoins(1), T0, Energy.ofWh(5000)),
                over);
        byte[] stranger = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(
                        WalletAddress.of(KeyPairs.generate().getPublic()), CoinAmount.ofCoins(1), T0, Energy.ofWh(5)),
                over);

        assertThat(reasonOf(f.draft(elsewhere).at(over))).isEqualTo(BlockReason.NOT_HOME_EAG);
        assertThat(reasonOf(f.draft(stranger).at(over))).isEqualTo(BlockReason.UNKNOWN_ADDRESS);
    }

    @Test
    void aSecondAwardOfOneEagForOnePeriodIsRepeated() {
        long over = T0 + MINUTES_15;
        assertThat(reasonOf(f.draft(award(1, T0), award(3, T0)).at(over))).isEqualTo(BlockReason.AWARD_REPEATED);

        f.commit(f.draft(award(1, T0)).at(over).build());
        assertThat(reasonOf(f.draft(award(3, T0)))).isEqualTo(BlockReason.AWARD_REPEATED);
        // Another EAG's award for the same period is its own.
        assertThat(reasonOf(f.draft(award(2, T0)))).isEqualTo(BlockReason.VALID);
    }

    PendingAward recordAward() {
        byte[] a = award(1, T0);
        f.commit(f.draft(a).at(T0 + MINUTES_15).build());
        return f.state.pendingAward(Sha256Hash.of(a)).orElseThrow();
    }

    @Test
    void aPendingAwardIsPaidOnceByALaterCoinbaseAndMintsItsAmount() {
        PendingAward p = recordAward();
        assertThat(f.state.pendingAwards()).containsExactly(p);
        CoinAmount before = f.state.balance(node(1).address());

        BlockEffects e = f.commit(f.draft().minedBy(2).paying(p).build());

        assertThat(e.awardsPaid()).containsExactly(p.tx());
        assertThat(e.minted()).isEqualTo(CoinAmount.ofCoins(2));
        assertThat(f.state.balance(node(1).address())).isEqualTo(before.plus(CoinAmount.ofCoins(1)));
        assertThat(f.state.pendingAwards()).isEmpty();
        assertThat(f.state.balance(c.eag(2).address())).isEqualTo(CoinAmount.ofCoins(1));
    }

    @Test
    void aCoinbasePayingAnAwardThatIsNotPendingIsRefused() {
        byte[] a = award(1, T0);
        PendingAward unrecorded =
                new PendingAward(Sha256Hash.of(a), node(1).address(), CoinAmount.ofCoins(1), EagId.of("eag-1"), T0);
        assertThat(reasonOf(f.draft().paying(unrecorded))).isEqualTo(BlockReason.AWARD_NOT_PENDING);
        assertThat(reasonOf(f.draft(a).at(T0 + MINUTES_15).paying(unrecorded)))
                .as("an award cannot be paid by the block that records it")
                .isEqualTo(BlockReason.AWARD_NOT_PENDING);

        f.commit(f.draft(a).at(T0 + MINUTES_15).build());
        PendingAward p = f.state.pendingAward(Sha256Hash.of(a)).orElseThrow();
        assertThat(reasonOf(f.draft().paying(p, p))).isEqualTo(BlockReason.AWARD_NOT_PENDING);
        f.commit(f.draft().paying(p).build());
        assertThat(reasonOf(f.draft().paying(p))).isEqualTo(BlockReason.AWARD_NOT_PENDING);
    }

    @Test
    void aCoinbaseThatIsNotThisBlocksOrPaysLessIsABadCoinbase() {
        PendingAward p = recordAward();
        Sha256Hash g = f.genesis().hash();
        long h = f.state.height() + 1;
        WalletAddress mine = c.eag(1).address();
        CoinAmount reward = f.genesis().reward();
        EagId eag1 = EagId.of("eag-1");
        List<Coinbase> bad = List.of(
                Coinbase.of(g, h + 1, eag1, mine, reward, List.of()),
                Coinbase.of(Sha256Hash.ZERO, h, eag1, mine, reward, List.of()),
                Coinbase.of(g, h, EagId.of("eag-2"), mine, reward, List.of()),
                Coinbase.of(g, h, eag1, c.eag(2).address(), reward, List.of()),
                Coinbase.of(g, h, eag1, mine, CoinAmount.ofMinorUnits(reward.minorUnits() - 1), List.of()),
                Coinbase.of(
                        g, h, eag1, mine, reward, List.of(new Coinbase.Award(p.tx(), node(3).address(), p.amount()))),
                Coinbase.of(
                        g,
                        h,
                        eag1,
                        mine,
                        reward,
                        List.of(new Coinbase.Award(
                                p.tx(),
                                p.to(),
                                CoinAmount.ofMinorUnits(p.amount().minorUnits() - 1)))));
        for (Coinbase cb : bad) {
            ChainFixture.Draft d = f.draft();
            d.coinbase = cb;
            assertThat(reasonOf(d)).as(cb.toString()).isEqualTo(BlockReason.BAD_COINBASE);
        }
    }

    @Test
    void aCoinbasePayingMoreThanTheRewardOrThanAnAwardIsOverMinted() {
        PendingAward p = recordAward();
        Sha256Hash g = f.genesis().hash();
        long h = f.state.height() + 1;
        WalletAddress mine = c.eag(1).address();
        CoinAmount reward = f.genesis().reward();
        ChainFixture.Draft more = f.draft();
        more.coinbase = Coinbase.of(g, h, EagId.of("eag-1"), mine, reward.plus(CoinAmount.ofMinorUnits(1)), List.of());
        ChainFixture.Draft moreAward = f.draft();
        moreAward.coinbase = Coinbase.of(
                g,
                h,
                EagId.of("eag-1"),
                mine,
                reward,
                List.of(new Coinbase.Award(p.tx(), p.to(), p.amount().plus(CoinAmount.ofMinorUnits(1)))));

        assertThat(reasonOf(more)).isEqualTo(BlockReason.OVER_MINTED_COINBASE);
        assertThat(reasonOf(moreAward)).isEqualTo(BlockReason.OVER_MINTED_COINBASE);
    }

    @Test
    void anEvidenceTransactionWithNoRuleInstalledIsUnsupported() {
        f.withRules(Map.of());
        byte[] tx = c.admit(EagId.of("eag-1"), new TxBody.EvidenceTx(new byte[] {1, 2, 3}), f.tipTime());

        assertThat(reasonOf(f.draft(tx))).isEqualTo(BlockReason.UNSUPPORTED_KIND);
    }

    @Test
    void aProvenEquivocationIsRecordedAsEvidenceAndADocumentThatProvesNothingIsRefusedByTheRule() {
        TestConsortium.Eag liar = c.eag(2);
        org.ebc.consensus.EagSigner s = org.ebc.consensus.EagSigner.of(
                liar.id(), liar.keys().getPrivate(), liar.keys().getPublic());
        org.ebc.consensus.GenesisHash g =
                org.ebc.consensus.Consortium.of(c.genesis()).genesis();
        byte[] one = org.ebc.consensus.ConsensusCodec.sign(
                        new org.ebc.consensus.Reply(
                                liar.id(), 1, g, 5, 0, new org.ebc.consensus.BlockHash("aa".repeat(32))),
                        s)
                .raw();
        byte[] other = org.ebc.consensus.ConsensusCodec.sign(
                        new org.ebc.consensus.Reply(
                                liar.id(), 2, g, 5, 0, new org.ebc.consensus.BlockHash("bb".repeat(32))),
                        s)
                .raw();
        org.ebc.consensus.Equivocation proof = new org.ebc.consensus.Equivocation(one, other);
        assertThat(org.ebc.consensus.Equivocation.fromDocument(proof.document()))
                .isPresent();

        byte[] evidence = c.admit(EagId.of("eag-1"), new TxBody.EvidenceTx(proof.document()), f.tipTime());
        assertThat(reasonOf(f.draft(evidence))).isEqualTo(BlockReason.VALID);

        byte[] sameVoteTwice = c.admit(
                EagId.of("eag-1"),
                new TxBody.EvidenceTx(new org.ebc.consensus.Equivocation(one, one).document()),
                f.tipTime());
        assertThat(reasonOf(f.draft(sameVoteTwice))).isEqualTo(BlockReason.REFUSED_BY_RULE);
        byte[] notADocument = c.admit(EagId.of("eag-1"), new TxBody.EvidenceTx(new byte[] {1, 2, 3}), f.tipTime());
        assertThat(reasonOf(f.draft(notADocument))).isEqualTo(BlockReason.REFUSED_BY_RULE);
    }

    /** A toy credit rule for the tests: the record is "move FROM TO MINOR", "refuse" or "throw". */
    static final KindRule TOY_CREDIT = (tx, ledger) -> {
        String r = new String(((TxBody.CreditTx) tx.body()).record(), StandardCharsets.US_ASCII);
        String[] w = r.split(" ");
        return switch (w[0]) {
            case "move" ->
                RuleOutcome.accept(List.of(new RuleOutcome.Movement(
                        WalletAddress.parse(w[1]).address(),
                        WalletAddress.parse(w[2]).address(),
                        CoinAmount.ofMinorUnits(Long.parseLong(w[3])))));
            case "refuse" -> RuleOutcome.refuse("the bank says no");
            default -> throw new IllegalStateException("a rule that breaks");
        };
    };

    byte[] credit(EagId eag, String record) {
        return c.admit(eag, new TxBody.CreditTx(record.getBytes(StandardCharsets.US_ASCII)), f.tipTime());
    }

    @Test
    void aCreditTransactionThePluggedRuleRefusesOrThatMakesItFailIsRefusedByTheRule() {
        f.withRules(Map.of(TxKind.CREDIT, TOY_CREDIT));

        assertThat(reasonOf(f.draft(credit(EagId.of("eag-1"), "refuse")))).isEqualTo(BlockReason.REFUSED_BY_RULE);
        assertThat(reasonOf(f.draft(credit(EagId.of("eag-1"), "throw")))).isEqualTo(BlockReason.REFUSED_BY_RULE);
    }

    @Test
    void aCreditRuleMovesCoinsOnlyFromAddressesAtHomeAtTheAdmittingEagAndOnlyWhatTheyHave() {
        f.withRules(Map.of(TxKind.CREDIT, TOY_CREDIT));
        String oneToTwo = "move " + node(1).address() + " " + node(2).address() + " ";

        BlockVerdict ok =
                f.validate(f.draft(credit(EagId.of("eag-1"), oneToTwo + 700)).build());
        assertThat(ok.reason()).isEqualTo(BlockReason.VALID);
        assertThat(ok.effectsOrThrow().balances())
                .containsEntry(node(2).address(), CoinAmount.ofMinorUnits(20 * CoinAmount.MINOR_UNITS_PER_COIN + 700));
        assertThat(reasonOf(f.draft(credit(EagId.of("eag-2"), oneToTwo + 700)))).isEqualTo(BlockReason.NOT_HOME_EAG);
        assertThat(reasonOf(f.draft(credit(EagId.of("eag-1"), oneToTwo + (21 * CoinAmount.MINOR_UNITS_PER_COIN)))))
                .isEqualTo(BlockReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void mintingBeyondTheRangeOfALongIsRefused() {
        ChainFixture rich = ChainFixture.create(
                1, 2, b -> b.allocationPerNode(CoinAmount.ofMinorUnits(5_000_000_000_000_000_000L)));
        byte[] one = rich.c.allocationTx(rich.c.node(1), T0 + 1);
        byte[] two = rich.c.allocationTx(rich.c.node(2), T0 + 1);

        BlockVerdict v = rich.validate(rich.draft(one, two).build());
        assertThat(v.reason()).isEqualTo(BlockReason.AMOUNT_OUT_OF_RANGE);
        assertThat(v.transaction()).isEqualTo(1);
        assertThat(rich.validate(rich.draft(one).build()).reason()).isEqualTo(BlockReason.VALID);
    }

    @Test
    void anEagCanSpendFromItsGridAccountItAdmitsItself() {
        f.commit(f.draft().build());
        TestConsortium.Eag eag = c.eag(1);
        byte[] fromGrid = c.admit(
                eag.id(),
                c.transferBody(eag.keys(), 1, node(3).wallet(), CoinAmount.ofCoins(1), "grid-1", f.tipTime()),
                f.tipTime());
        byte[] atAnother = c.admit(
                EagId.of("eag-2"),
                c.transferBody(eag.keys(), 1, node(3).wallet(), CoinAmount.ofCoins(1), "grid-1", f.tipTime()),
                f.tipTime());

        assertThat(reasonOf(f.draft(fromGrid))).isEqualTo(BlockReason.VALID);
        assertThat(reasonOf(f.draft(atAnother))).isEqualTo(BlockReason.NOT_HOME_EAG);
    }
}
