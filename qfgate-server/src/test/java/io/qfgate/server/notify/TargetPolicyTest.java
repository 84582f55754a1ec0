package io.qfgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where notifications may be sent. */
class TargetPolicyTest {
    static final TargetPolicy LOOPBACK_443 = new TargetPolicy(Set.of(80, 443), false, true);

    /** A resolver that knows one name and nothing else. */
    static TargetPolicy.Resolver only(String name, String... addresses) {
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> list = new java.util.ArrayList<>();
            for (String a : addresses) {
                list.add(InetAddress.getByName(a));
            }
            return list;
        };
    }

    @Test
    void productionAllowsOnlyPorts80And443() {
        assertThat(LOOPBACK_443.refusal(URI.create("https://127.0.0.1/notify"))).isNull();
        assertThat(LOOPBACK_443.refusal(URI.create("http://127.0.0.1/notify"))).isNull();
        assertThat(LOOPBACK_443.refusal(URI.create("http://127.0.0.1:8080/notify"))).isEqualTo(
                "port 8080 is not allowed (allowed: " + Set.of(80, 443) + ")");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
        "0.0.0.0", "0.255.255.255", "10.1.2.3", "100.64.0.1", "100.127.255.255", "127.0.0.1", "127.255.255.254",
        "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.255", "192.0.2.1", "192.168.1.1",
        "198.18.0.0", "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.255",
        "240.0.0.1", "255.255.255.255",
        "[::]", "[::1]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:8.8.8.8]", "[64:ff9b::808:808]",
        "[64:ff9b:1::1]", "[2002:808:808::1]", "[2001:0:4136:e378::1]", "[2001:db8::1]", "[100::1]",
        "[fc00::1]", "[fd00::1]", "[fe80::1]", "[fec0::1]", "[ff02::1]", "[ff0e::1]"
    })
    void specialPurposeAddressesAreRefused(String host) {
        assertThat(TargetPolicy.PRODUCTION.problemWith("https://" + host + "/n")).as(host)
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("address "));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "126.255.255.255", "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.255",
        "192.0.3.0", "192.167.255.255", "198.17.255.255", "198.20.0.0", "223.255.255.255",
        "[2001:4860:4860::8888]", "[2606:4700::1111]", "[2003::1]", "[2001:1::1]", "[64:ff9c::1]"
    })
    void publicAddressesAreAllowed(String host) {
        assertThat(TargetPolicy.PRODUCTION.problemWith("https://" + host + "/n")).as(host).isEmpty();
    }

    @Test
    void aNameResolvingToAnyInternalAddressIsRefused() {
        TargetPolicy policy = TargetPolicy.PRODUCTION.withResolver(only("shop.test", "8.8.8.8", "10.0.0.7"));

        assertThat(policy.problemWith("https://shop.test/notify"))
                .hasValue("address 10.0.0.7 is internal or special-purpose");
        assertThatThrownBy(() -> policy.addressesOf("shop.test")).isInstanceOf(TargetPolicy.Refused.class);
    }

    @Test
    void theAddressesGivenOutAreTheOnesChecked() throws Exception {
        TargetPolicy policy = TargetPolicy.PRODUCTION.withResolver(only("shop.test", "8.8.8.8", "2606:4700::1111"));

        assertThat(policy.addressesOf("shop.test")).extracting(InetAddress::getHostAddress)
                .containsExactly("8.8.8.8", "2606:4700:0:0:0:0:0:1111");
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedWhereAddressesAreChecked() {
        TargetPolicy policy = TargetPolicy.PRODUCTION.withResolver(only("shop.test", "8.8.8.8"));

        assertThat(policy.problemWith("https://elsewhere.test/n")).hasValue("host elsewhere.test does not resolve");
        assertThat(TargetPolicy.LOCAL.withResolver(only("shop.test")).problemWith("https://elsewhere.test/n"))
                .as("not looked up where every address is allowed").isEmpty();
    }

    @Test
    void urlsThatDoNotParseOrAreNotHttpAreRefused() {
        assertThat(TargetPolicy.LOCAL.problemWith("http://shop example/n")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("not a valid URL"));
        assertThat(TargetPolicy.LOCAL.problemWith("ftp://127.0.0.1/n")).hasValue("scheme ftp is not http or https");
        assertThat(TargetPolicy.LOCAL.problemWith("/relative/path")).hasValue("not an absolute URL");
        assertThat(TargetPolicy.LOCAL.problemWith("http:///no-host")).hasValue("no host");
        assertThat(TargetPolicy.LOCAL.problemWith("http://127.0.0.1:1234/n")).isEmpty();
    }

    @Test
    void theGatewaysOwnEndpointIsAllowedExactlyAndNothingElseOnItsHost() throws java.io.IOException {
        TargetPolicy sandbox = TargetPolicy.PRODUCTION.allowingOwn(URI.create("http://127.0.0.1:8080/demo/notify"));
        assertThat(sandbox.problemWith("http://127.0.0.1:8080/demo/notify")).isEmpty();
        assertThat(sandbox.problemWith("http://127.0.0.1:8080/demo/./notify")).isEmpty();
        assertThat(sandbox.addressesOf("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        for (String other : List.of("http://127.0.0.1:8080/admin/", "http://127.0.0.1:8080/demo/notify?x=1",
                "https://127.0.0.1:8080/demo/notify", "http://127.0.0.1:8081/demo/notify",
                "http://127.0.0.1/demo/notify", "http://127.0.0.1:8080/demo/notify#f")) {
            assertThat(sandbox.problemWith(other)).as(other).isPresent();
        }
        // Another name for the same address is no exception; the rules for merchants' servers still hold.
        TargetPolicy named = sandbox.withResolver(only("localhost", "127.0.0.1"));
        assertThat(named.problemWith("http://localhost/notify")).hasValue("address 127.0.0.1 is internal or special-purpose");
        assertThat(TargetPolicy.PRODUCTION.problemWith("http://127.0.0.1:8080/demo/notify")).isPresent();
        // Where every address is allowed anyway, the own host is like any other.
        assertThat(TargetPolicy.LOCAL.allowingOwn(URI.create("http://127.0.0.1:8080/demo/notify"))
                .problemWith("http://127.0.0.1:9999/shop/notify")).isEmpty();
    }
}
