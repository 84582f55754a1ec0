package io.qfgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where notifications may be sent. */
class TargetPolicyTest {
    static final TargetPolicy LOOPBACK_443 = new TargetPolicy(Set.of(80, 443), false, true);

    @Test
    void productionAllowsOnlyPorts80And443() {
        assertThat(LOOPBACK_443.refusal(URI.create("https://127.0.0.1/notify"))).isNull();
        assertThat(LOOPBACK_443.refusal(URI.create("http://127.0.0.1/notify"))).isNull();
        assertThat(LOOPBACK_443.refusal(URI.create("http://127.0.0.1:8080/notify"))).isEqualTo(
                "port 8080 is not allowed (allowed: " + Set.of(80, 443) + ")");
    }

    @Test
    void productionRefusesInternalAddresses() {
        for (String host : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "[::1]", "[fd00::1]", "0.0.0.0"}) {
            assertThat(TargetPolicy.PRODUCTION.refusal(URI.create("https://" + host + "/n"))).as(host)
                    .startsWith("address ");
        }
        assertThat(TargetPolicy.PRODUCTION.refusal(URI.create("https://8.8.8.8/n"))).isNull();
    }

    @Test
    void onlyHttpAndHttps() {
        assertThat(TargetPolicy.LOCAL.refusal(URI.create("ftp://127.0.0.1/n"))).startsWith("scheme ftp");
        assertThat(TargetPolicy.LOCAL.refusal(URI.create("http://127.0.0.1:1234/n"))).isNull();
    }
}
