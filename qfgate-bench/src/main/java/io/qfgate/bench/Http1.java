package io.qfgate.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to the gateway over loopback, for one client thread at a
 * time. The load generator shares the machine's cores with the gateway and the database, so it
 * does what wrk does and no more: write the request bytes, block, read one answer. (The JDK
 * {@code HttpClient} hands every exchange between three threads; on two cores that cost the
 * gateway a third of its throughput.) Answers are read by {@code Content-Length} or chunked.
 */
final class Http1 implements Closeable {
    /** An answer: its status, the one header the QFPay protocol signs with, and its body. */
    record Response(int status, String qfSign, byte[] body) {}

    /** Larger answers are refused: a query page of 100 rows is about 60 KB. */
    static final int MAX_BODY = 4 << 20;
    private static final int MAX_LINE = 8192;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] EMPTY = {};
    private static final int TIMEOUT_MILLIS = (int) Scenarios.TIMEOUT.toMillis();

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http1(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    Response get(String path) throws IOException {
        return exchange(request("GET", path, "", EMPTY));
    }

    /** A POST of {@code body}; {@code headers} are whole header lines, each ending in CRLF. */
    Response post(String path, String headers, byte[] body) throws IOException {
        return exchange(request("POST", path, headers + "Content-Length: " + body.length + "\r\n", body));
    }

    /** The whole request in one array: one write, one TCP segment, one read for the gateway. */
    private byte[] request(String method, String path, String headers, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256 + body.length);
        b.writeBytes((method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(hostHeader);
        b.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(CRLF);
        b.writeBytes(body);
        return b.toByteArray();
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            open();
        }
        try {
            out.write(request);
            return read();
        } catch (IOException | RuntimeException e) {
            close(); // the next exchange starts on a new connection
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        String qfSign = null;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + h);
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                case "x-qf-sign" -> qfSign = value;
                default -> { }
            }
        }
        byte[] content = chunked ? chunks() : fixed(length);
        if (closes) {
            close();
        }
        return new Response(code, qfSign, content);
    }

    private byte[] fixed(long length) throws IOException {
        if (length < 0) {
            throw new IOException("answer has neither Content-Length nor chunked encoding");
        }
        if (length > MAX_BODY) {
            throw new IOException("answer of " + length + " bytes is larger than " + MAX_BODY);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, none kept
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            body.writeBytes(fixed(n));
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    /** One line without its CRLF; headers are ASCII. */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the gateway");
            }
            if (b == '\n') {
                int end = s.length();
                return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
            }
            if (s.length() == MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE);
            }
            s.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket: nothing to do about a failure
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
