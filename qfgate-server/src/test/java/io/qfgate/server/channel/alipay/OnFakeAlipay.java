package io.qfgate.server.channel.alipay;

import io.qfgate.server.TestGateway;
import io.qfgate.server.store.SqlSandboxPartner;
import org.junit.jupiter.api.AfterEach;

/**
 * A gateway whose Alipay is a {@link FakeAlipay} the test scripts, signing with the key the
 * gateway made for its sandbox partner. Each test calls {@link #start} with its database kind.
 */
abstract class OnFakeAlipay {
    FakeAlipay alipay;
    TestGateway gw;
    /** The MD5 key the fake signs its answers with, as Alipay would. */
    String key;

    void start(String db) {
        alipay = new FakeAlipay();
        gw = new TestGateway(db, c -> c.withUrls(null, alipay.url()));
        key = new SqlSandboxPartner(gw.gateway.database()).load().orElseThrow().md5Key();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (alipay != null) {
            alipay.close();
        }
    }
}
