package org.ebc.hardware.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A scripted RS-485 bus in the manner of OpenEMS's DummyModbusBridge: each expected request frame is
 * answered with raw bytes given by the test (possibly split into chunks, possibly nothing at all). Time does
 * not pass: "nothing arrives" is answered at once with 0 bytes, which the master takes as a timeout.
 */
final class ScriptedModbusBus implements SerialLine {
    private final Deque<Exchange> script = new ArrayDeque<>();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final List<byte[]> written = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private IOException failure;
    private boolean closed;

    private record Exchange(byte[] request, List<byte[]> answerChunks) {}

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** After {@code request} (hex), the device sends {@code chunks} (hex each; none = silence). */
    ScriptedModbusBus on(String request, String... chunks) {
        List<byte[]> answer = new ArrayList<>();
        for (String c : chunks) {
            answer.add(hex(c));
        }
        script.add(new Exchange(hex(request), answer));
        return this;
    }

    /** Bytes already in the receive buffer now, before any request. */
    void noise(String bytes) {
        pending.add(hex(bytes));
    }

    /** Every later write fails, as when a USB adapter is unplugged. */
    void unplug() {
        failure = new IOException("No such device");
    }

    List<byte[]> written() {
        return written;
    }

    List<String> unexpectedRequests() {
        return unexpected;
    }

    boolean scriptUsedUp() {
        return script.isEmpty();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String name() {
        return "scripted-bus";
    }

    @Override
    public void discardInput() {
        pending.clear();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        written.add(frame.clone());
        Exchange next = script.poll();
        if (next == null || !Arrays.equals(next.request(), frame)) {
            unexpected.add(HexFormat.ofDelimiter(" ").formatHex(frame));
            return;
        }
        pending.addAll(next.answerChunks());
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        byte[] chunk = pending.poll();
        if (chunk == null) {
            return 0;
        }
        int n = Math.min(length, chunk.length);
        System.arraycopy(chunk, 0, buffer, offset, n);
        if (n < chunk.length) {
            pending.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
