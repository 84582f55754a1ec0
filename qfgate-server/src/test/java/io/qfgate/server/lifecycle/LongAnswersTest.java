package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answers longer than the buffer the web layer copies them through (4 kB) arrive whole, signed
 * over their exact bytes, and compressed only when the merchant's client asks for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongAnswersTest {
    static final int ORDERS = 20;

    TestGateway gw;
    Shop shop;
    Map<String, String> allOrders = params("page_size", Integer.toString(ORDERS));

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        shop = Shop.merchant(gw);
        for (int i = 0; i < ORDERS; i++) {
            shop.order(101 + i, "HKD", "801101");
        }
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void aLongAnswerArrivesWholeAndSigned() {
        Answer answer = shop.call("/trade/v1/query", allOrders);

        assertThat(answer.body().length).isGreaterThan(2 * 4096);
        assertThat(answer.header("Content-Encoding")).isNull();
        assertThat(QfSignature.verifyBody(answer.body(), shop.clientKey, SignType.MD5, answer.header("X-QF-SIGN")))
                .isTrue();
        assertThat((List<?>) answer.json().get("data")).hasSize(ORDERS);
    }

    @Test
    void aLongAnswerIsCompressedWhenAskedAndTheSignatureCoversTheJson() throws IOException {
        Answer plain = shop.call("/trade/v1/query", allOrders);
        Answer gzipped = TestGateway.send(gw.signedPost("/trade/v1/query", allOrders, shop.appCode, shop.clientKey,
                SignType.MD5).header("Accept-Encoding", "gzip"));

        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        byte[] json;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            json = in.readAllBytes();
        }
        assertThat(gzipped.body().length).isLessThan(json.length);
        assertThat(json).isEqualTo(plain.body());
        assertThat(QfSignature.verifyBody(json, shop.clientKey, SignType.MD5, gzipped.header("X-QF-SIGN"))).isTrue();
    }
}
