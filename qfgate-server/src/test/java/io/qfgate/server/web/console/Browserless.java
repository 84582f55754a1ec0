package io.qfgate.server.web.console;

import io.qfgate.server.TestGateway;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: keeps the cookies a console sets (one jar for the whole site, as a
 * browser would for one path), follows no redirects, and fills in the sign-in form.
 */
public final class Browserless {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The gateway's {@code http://host:port}. */
    private final String origin;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final String base;

    Browserless(TestGateway gateway, String base) {
        this(gateway.url(""), base);
    }

    /** A browser for the console under {@code base} ({@code /portal} or {@code /admin}) of the gateway at {@code origin}. */
    public Browserless(String origin, String base) {
        this.origin = origin;
        this.base = base;
    }

    public TestGateway.Answer get(String path, String... headers) {
        HttpRequest.Builder request = request(path, headers).GET();
        return keep(TestGateway.send(request));
    }

    TestGateway.Answer post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return keep(TestGateway.send(request));
    }

    /** Loads the sign-in form and sends it, as a person would. */
    public TestGateway.Answer signIn(String username, String password) {
        String csrf = csrfOf(get(base + "/login"));
        return post(base + "/login", Map.of("csrf", csrf, "username", username, "password", password));
    }

    /** The CSRF token in a page's forms. */
    static String csrfOf(TestGateway.Answer page) {
        Matcher m = CSRF.matcher(text(page));
        if (!m.find()) {
            throw new AssertionError("no csrf field in " + text(page));
        }
        return m.group(1);
    }

    public static String text(TestGateway.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** Every Set-Cookie header of the answer. */
    static List<String> setCookies(TestGateway.Answer answer) {
        return answer.response().headers().allValues("Set-Cookie");
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private TestGateway.Answer keep(TestGateway.Answer answer) {
        for (String set : setCookies(answer)) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.contains("Max-Age=0") || set.contains("Expires=Thu, 01 Jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return answer;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
