package io.qfgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error pages on a bare server: an unexpected failure, a database out of reach, a flood; and
 * the paths that are not pages keep their plain answer.
 */
class PageErrorsTest {
    Javalin http;
    final AtomicLong wait = new AtomicLong();

    @BeforeEach
    void start() {
        http = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/broken", ctx -> {
                throw new IllegalStateException("secret detail of the failure");
            });
            cfg.routes.get("/offline", ctx -> {
                throw new RuntimeException(new SQLTransientConnectionException("no connection in 10 s"));
            });
            cfg.routes.get("/trade/v1/broken", ctx -> {
                throw new IllegalStateException("secret detail of the failure");
            });
            cfg.routes.get("/guarded", FloodGuard.of(address -> wait.get()).before(ctx -> ctx.result("served")));
            cfg.routes.post("/guarded", FloodGuard.of(address -> wait.get()).before(ctx -> ctx.result("served")));
            PageErrors.register(cfg.routes, path -> !path.startsWith("/trade/"),
                    e -> e.getCause() instanceof SQLTransientConnectionException);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        http.stop();
    }

    @Test
    void anUnexpectedFailureShowsAReferenceInTheBrowsersLanguageAndNoStackTrace() throws Exception {
        HttpResponse<String> page = get("/broken", "Accept-Language", "zh-HK,zh;q=0.9");
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("<html lang=\"zh-HK\">", "<h1>出錯了</h1>")
                .containsPattern("參考編號 [0-9a-f]{8}")
                .doesNotContain("secret detail", "IllegalStateException", "at io.");
    }

    @Test
    void theLangParameterChoosesThePagesLanguageOverTheBrowsers() throws Exception {
        HttpResponse<String> page = get("/broken?lang=zh-cn", "Accept-Language", "en");
        assertThat(page.body()).contains("<h1>出错了</h1>");
    }

    @Test
    void aDatabaseOutOfReachIsTemporarilyUnavailable() throws Exception {
        HttpResponse<String> page = get("/offline", "Accept-Language", "en");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.body()).contains("<h1>Temporarily unavailable</h1>").containsPattern("reference [0-9a-f]{8}")
                .doesNotContain("no connection in 10 s", "SQLTransientConnectionException");
    }

    @Test
    void aPathThatIsNotAPageKeepsThePlainServerError() throws Exception {
        HttpResponse<String> answer = get("/trade/v1/broken");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(answer.body()).isEqualTo("Server Error");
    }

    @Test
    void aClientOverItsAllowanceGetsTheTooManyRequestsPageAndWhenToRetry() throws Exception {
        assertThat(get("/guarded").body()).isEqualTo("served");
        wait.set(7);
        HttpResponse<String> page = get("/guarded?lang=zh-hk");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(page.body()).contains("<h1>請求過多</h1>", "請等待 7 秒後再試");
    }

    @Test
    void aFormPostOverItsAllowanceIsAnsweredInTheFormsLanguage() throws Exception {
        wait.set(3);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url("/guarded"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("item=tea&lang=zh-cn")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("<h1>请求过多</h1>", "请等待 3 秒后重试");
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }
}
