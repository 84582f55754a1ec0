package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running the sandbox alone, from the partners file the gateway's bootstrap writes. */
class StandaloneTest {
    @TempDir
    Path dir;

    @Test
    void readsPartnersFromTheConfigFile() throws IOException {
        Path file = dir.resolve("partners.json");
        Files.writeString(file, """
                {"partners":[{"partner_id":"2088000000000077","md5_key":"k1","merchant_name":"Shop A"},
                             {"partner_id":"2088000000000078","md5_key":"k2","merchant_name":"Shop B",
                              "rsa_public_key":null}],
                 "public_base_url":"http://localhost:8090"}
                """);

        SandboxConfig config = ConfigFile.read(file, Clock.systemUTC());

        assertThat(config.partners()).containsExactly(
                new Partner("2088000000000077", "k1", null, "Shop A"),
                new Partner("2088000000000078", "k2", null, "Shop B"));
        assertThat(config.publicBaseUrl()).isEqualTo("http://localhost:8090");
        assertThat(config.buyers()).extracting(Buyer::login).containsExactly("buyer-rich", "buyer-poor", "buyer-idle");
    }

    @Test
    void aBrokenConfigFileSaysWhatIsMissing() throws IOException {
        Path file = dir.resolve("partners.json");
        Files.writeString(file, "{\"partners\":[{\"partner_id\":\"2088000000000077\",\"merchant_name\":\"A\"}]}");

        assertThatThrownBy(() -> ConfigFile.read(file, Clock.systemUTC()))
                .hasMessageContaining("\"md5_key\"");
    }

    @Test
    void servesGatewayDoAtTheRoot() throws Exception {
        SandboxConfig config = SandboxConfig.defaults(Clock.systemUTC(),
                java.util.List.of(new Partner("2088000000000077", "k1", null, "Shop A")));
        Javalin app = AlipaySandbox.standalone(config, 0);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> gateway = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/gateway.do?service=notify_verify&partner=2088000000000077&notify_id=x")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(home.body()).contains("buyer-rich", base + "/gateway.do");
            assertThat(gateway.body()).isEqualTo("false");
        } finally {
            app.stop();
        }
    }
}
