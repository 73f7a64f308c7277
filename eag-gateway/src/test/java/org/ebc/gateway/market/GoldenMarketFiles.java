package org.ebc.gateway.market;

import java.io.IOException;
import java.io.InputStream;

/** The committed market golden vectors (src/test/resources/org/ebc/gateway/market/, see the README there). */
public final class GoldenMarketFiles {
    private GoldenMarketFiles() {}

    public static byte[] bytes(String name) {
        try (InputStream in = GoldenMarketFiles.class.getResourceAsStream("/org/ebc/gateway/market/" + name)) {
            if (in == null) {
                throw new AssertionError(
                        "golden vector " + name + " is missing from src/test/resources/org/ebc/gateway/market/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("cannot read golden vector " + name, e);
        }
    }

    /** The golden book file, read. */
    public static OrderBookFile.BookFile book() {
        OrderBookFile.Outcome o = OrderBookFile.read(bytes("golden-book.json"));
        if (!(o instanceof OrderBookFile.Read r)) {
            throw new AssertionError("the golden book file no longer reads: " + o);
        }
        return r.file();
    }
}
