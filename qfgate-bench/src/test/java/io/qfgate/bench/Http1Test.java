package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator's connection reads every answer shape Jetty may send, and recovers from a closed one. */
@Timeout(10)
class Http1Test {
    private final ServerSocket server;
    /** Request lines as the server read them, one per exchange. */
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    /** The connections the server accepted. */
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    Http1Test() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Answers the requests on each accepted connection with the next of {@code answers}, in order. */
    private void serve(String... answers) {
        List<String> queue = new ArrayList<>(List.of(answers));
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (!queue.isEmpty()) {
                    Socket s = server.accept();
                    accepted.add(s);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    while (!queue.isEmpty()) {
                        String requestLine = in.readLine();
                        if (requestLine == null) {
                            break;
                        }
                        requestLines.add(requestLine);
                        int length = 0;
                        for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
                            if (h.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(h.substring(15).trim());
                            }
                        }
                        in.skip(length); // ISO-8859-1: one char per byte
                        String answer = queue.removeFirst();
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.contains("Connection: close")) {
                            s.close();
                            break;
                        }
                    }
                }
            } catch (IOException stopped) {
                // the test is over
            }
        });
    }

    @Test
    void readsContentLengthAndChunkedAnswersOnOneKeptConnection() throws IOException {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-QF-SIGN: ABC\r\n\r\npong",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;ext=1\r\n\":1}\r\n0\r\n\r\n");
        try (Http1 c = new Http1("127.0.0.1", server.getLocalPort())) {
            Http1.Response first = c.get("/ping");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.qfSign()).isEqualTo("ABC");
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("pong");

            Http1.Response second = c.post("/trade/v1/payment", "X-QF-APPCODE: A\r\n", "txamt=1".getBytes(StandardCharsets.UTF_8));
            assertThat(second.qfSign()).isNull();
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        }
        assertThat(requestLines).containsExactly("GET /ping HTTP/1.1", "POST /trade/v1/payment HTTP/1.1");
        assertThat(accepted).hasSize(1);
    }

    @Test
    void aClosedConnectionIsReopenedForTheNextExchange() throws IOException {
        serve("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Http1 c = new Http1("127.0.0.1", server.getLocalPort())) {
            assertThat(c.get("/ping").status()).isEqualTo(429);
            assertThat(c.get("/ping").status()).isEqualTo(200);
        }
        assertThat(accepted).hasSize(2);
    }

    @Test
    void aTruncatedAnswerIsAnErrorNotAShortBody() {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort");
        try (Http1 c = new Http1("127.0.0.1", server.getLocalPort())) {
            assertThatThrownBy(() -> c.get("/ping")).isInstanceOf(IOException.class).hasMessageContaining("5 of 10 bytes");
        }
    }
}
