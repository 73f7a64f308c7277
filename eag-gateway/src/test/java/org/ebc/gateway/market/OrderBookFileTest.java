package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.sell;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ebc.testing.ByteMutations;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderBookFileTest {
    private static final EagId EAG = EagId.of("eag-7");

    private static OrderBook sampleBook() {
        return MarketFixtures.postedBook(
                900, List.of(sell("s", 2, 400, "0.08", 11), buy("b", 5, 700, "0.30", 3), buy("c", 1, 100, "0.25", 7)));
    }

    @Test
    void aWrittenBookReadsBackEqualWithItsEnvelopes() {
        OrderBook book = sampleBook();
        Map<OrderId, String> envelopes = Map.of(id("b", 5), "EBC1|{\"typ\":\"order\"}|{\"KI\":\"ab\"}");

        byte[] file = OrderBookFile.write(EAG, book, envelopes);
        OrderBookFile.Outcome o = OrderBookFile.read(file);

        assertThat(o).isInstanceOf(OrderBookFile.Read.class);
        OrderBookFile.BookFile f = ((OrderBookFile.Read) o).file();
        assertThat(f.eag()).isEqualTo(EAG);
        assertThat(f.book()).isEqualTo(book);
        assertThat(f.envelopes()).isEqualTo(envelopes);
        assertThat(Clearing.clear(f.book()).canonicalBytes())
                .isEqualTo(Clearing.clear(book).canonicalBytes());
    }

    @Test
    void theFileListsOneOrderPerLineInArrivalOrder() {
        String text = new String(OrderBookFile.write(EAG, sampleBook(), Map.of()), StandardCharsets.UTF_8);

        List<String> orderLines =
                text.lines().filter(l -> l.startsWith("{\"arrival\"")).toList();
        assertThat(orderLines).hasSize(3);
        assertThat(orderLines.get(0)).startsWith("{\"arrival\":3,\"node\":\"b\",\"seq\":5,");
        assertThat(orderLines.get(2)).startsWith("{\"arrival\":11,\"node\":\"s\"");
        assertThat(text)
                .startsWith("{\n\"format\": \"ebc-order-book/1\",\n\"eag\": \"eag-7\",\n\"slot\": 1764000000000,");
    }

    @Test
    void theGoldenFileReads() {
        OrderBookFile.BookFile f = GoldenMarketFiles.book();

        assertThat(f.eag()).isEqualTo(EagId.of("eag-golden"));
        assertThat(f.book().orders()).hasSize(4);
        assertThat(f.book().parameters().mode()).isEqualTo(MarketMode.AUCTION);
        assertThat(f.envelopes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            NOT_JSON           | [1, 2]                               | an array
            NOT_JSON           | {"format":"ebc-order-book/1","format":"x"} | a duplicate key
            UNSUPPORTED_FORMAT | {"format":"ebc-order-book/2"}        | a newer format
            UNKNOWN_FIELD      | "posted": null,                       | a typo in a field name
            MISSING_FIELD      | "eag": "eag-golden",                  | a missing field
            BAD_VALUE          | "wh":600                              | a fraction of a Wh
            BAD_VALUE          | "side":"buy"                          | an unknown side
            BAD_VALUE          | "node":"b1"                           | a node id with a slash
            BAD_VALUE          | "slot": 1764000000000                 | a slot off its border
            BAD_VALUE          | "limit":25000000                      | a negative price
            BAD_VALUE          | "wallet":"EQjeLiTLHweAao2YgtP7eATvbhd1617o2Q" | a mistyped wallet address
            BAD_PARAMETERS     | "feedIn":8000000                      | a feed-in above retail
            BAD_BOOK           | "arrival":1                           | an arrival index twice
            """)
    void aDamagedFileIsRefusedWithItsReason(BookFileProblem expected, String target, String what) {
        String golden = new String(GoldenMarketFiles.bytes("golden-book.json"), StandardCharsets.UTF_8);
        String damaged = switch (what) {
            case "an array", "a duplicate key", "a newer format" -> target;
            case "a typo in a field name" -> golden.replace(target, "\"postd\": null,");
            case "a missing field" -> golden.replace(target, "");
            case "a fraction of a Wh" -> golden.replace(target, "\"wh\":600.5");
            case "an unknown side" -> golden.replace(target, "\"side\":\"bid\"");
            case "a node id with a slash" -> golden.replace(target, "\"node\":\"b/1\"");
            case "a slot off its border" -> golden.replace(target, "\"slot\": 1764000000001");
            case "a negative price" -> golden.replace(target, "\"limit\":-1");
            case "a mistyped wallet address" ->
                golden.replace(target, "\"wallet\":\"EQjeLiTLHweAao2YgtP7eATvbhd1617o2R\"");
            case "a feed-in above retail" -> golden.replace(target, "\"feedIn\":30000001");
            case "an arrival index twice" -> golden.replace(target, "\"arrival\":0");
            default -> throw new AssertionError(what);
        };
        assertThat(damaged).as("the test edits the file").isNotEqualTo(golden);

        OrderBookFile.Outcome o = OrderBookFile.read(damaged.getBytes(StandardCharsets.UTF_8));

        assertThat(o).isInstanceOf(OrderBookFile.Refused.class);
        OrderBookFile.Refused r = (OrderBookFile.Refused) o;
        assertThat(r.problem()).isEqualTo(expected);
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() {
        OrderBookFile.Outcome o = OrderBookFile.read(new byte[OrderBookFile.MAX_BYTES + 1]);

        assertThat(o)
                .isEqualTo(new OrderBookFile.Refused(
                        BookFileProblem.TOO_LARGE,
                        (OrderBookFile.MAX_BYTES + 1) + " bytes, at most " + OrderBookFile.MAX_BYTES));
    }

    @Test
    void theDetailNamesTheOffendingOrder() {
        String golden = new String(GoldenMarketFiles.bytes("golden-book.json"), StandardCharsets.UTF_8);
        OrderBookFile.Outcome o =
                OrderBookFile.read(golden.replace("\"wh\":500", "\"wh\":0").getBytes(StandardCharsets.UTF_8));

        assertThat(o.toString()).contains("orders[3].wh");
    }

    @Test
    void tenThousandDamagedFilesNeverThrow() {
        byte[] golden = OrderBookFile.write(EAG, sampleBook(), Map.of(id("s", 2), "EBC1|{}|{}"));
        int read = 0;
        for (long seed = 0; seed < 10_000; seed++) {
            byte[] damaged = ByteMutations.mutate(golden, seed, "{}[]\":,0123456789-.eE ");
            OrderBookFile.Outcome o = OrderBookFile.read(damaged);
            assertThat(o).isNotNull();
            if (o instanceof OrderBookFile.Read) {
                read++;
            }
        }
        // Some edits (e.g. a digit changed) leave a valid book; most must be refused.
        assertThat(read).isLessThan(5_000);
    }
}
