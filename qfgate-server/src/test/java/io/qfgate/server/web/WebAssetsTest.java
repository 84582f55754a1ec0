package io.qfgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pages need no other site: htmx and the style sheet come from the gateway itself. */
class WebAssetsTest {
    @Test
    void htmxAndTheStyleSheetAreServedLocally() {
        try (TestGateway g = new TestGateway("h2")) {
            TestGateway.Answer htmx = TestGateway.send(HttpRequest.newBuilder(URI.create(g.url(WebAssets.HTMX))));
            assertThat(htmx.status()).isEqualTo(200);
            assertThat(htmx.header("Content-Type")).startsWith("text/javascript");
            assertThat(new String(htmx.body(), StandardCharsets.UTF_8)).contains("htmx");
            TestGateway.Answer css = TestGateway.send(HttpRequest.newBuilder(URI.create(g.url(WebAssets.STYLE))));
            assertThat(css.status()).isEqualTo(200);
            assertThat(css.header("Content-Type")).startsWith("text/css");
            assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void onlyPlainFileNamesFromTheAssetsFolderAreServed() {
        try (TestGateway g = new TestGateway("h2")) {
            for (String path : new String[] {"/assets/nothing.css", "/assets/..%2Fi18n%2Fcommon_en.properties",
                    "/assets/qfgate.CSS", "/assets/x.properties"}) {
                assertThat(TestGateway.send(HttpRequest.newBuilder(URI.create(g.url(path)))).status()).as(path)
                        .isEqualTo(404);
            }
        }
    }
}
