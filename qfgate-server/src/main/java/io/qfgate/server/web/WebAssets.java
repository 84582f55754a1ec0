package io.qfgate.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages' scripts and styles, served by the gateway itself so that a page needs no other site:
 * htmx from its WebJar, the project's own files from {@code /web/assets/} in the server's
 * resources. Each is read once and kept.
 */
public final class WebAssets {
    public static final String HTMX = "/assets/htmx.min.js";
    public static final String STYLE = "/assets/qfgate.css";

    /** A plain file name: nothing that could climb out of the assets folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(css|js|svg)");
    private static final Map<String, Optional<byte[]>> OWN = new ConcurrentHashMap<>();

    private WebAssets() {}

    public static void mount(RoutesConfig routes) {
        byte[] htmx = read("/META-INF/resources/webjars/htmx.org/" + webJarVersion("htmx.org") + "/dist/htmx.min.js")
                .orElseThrow(() -> new IllegalStateException("htmx is missing from the class path"));
        routes.get(HTMX, ctx -> asset(ctx, "htmx.min.js", htmx));
        routes.get("/assets/{name}", WebAssets::own);
    }

    private static void own(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<byte[]> body = NAME.matcher(name).matches()
                ? OWN.computeIfAbsent(name, n -> read("/web/assets/" + n))
                : Optional.empty();
        if (body.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=UTF-8").result("no such asset");
            return;
        }
        asset(ctx, name, body.get());
    }

    private static void asset(Context ctx, String name, byte[] body) {
        String type = name.endsWith(".css") ? "text/css; charset=UTF-8"
                : name.endsWith(".svg") ? "image/svg+xml" : "text/javascript; charset=UTF-8";
        ctx.header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff")
                .contentType(type).result(body);
    }

    /** The version of a WebJar on the class path, from its own pom.properties: the pom sets it once. */
    private static String webJarVersion(String artifact) {
        Properties pom = new Properties();
        try {
            pom.load(new ByteArrayInputStream(read("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")
                    .orElseThrow(() -> new IllegalStateException(artifact + " is missing from the class path"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = WebAssets.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
