package io.qfgate.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pages' scripts and styles, served by the gateway itself so that a page needs no other site:
 * htmx from its WebJar, the style sheet from the server's resources. Read once at start.
 */
public final class WebAssets {
    public static final String HTMX = "/assets/htmx.min.js";
    public static final String STYLE = "/assets/qfgate.css";

    private WebAssets() {}

    public static void mount(RoutesConfig routes) {
        byte[] htmx = read("/META-INF/resources/webjars/htmx.org/" + webJarVersion("htmx.org") + "/dist/htmx.min.js");
        byte[] style = read("/web/qfgate.css");
        routes.get(HTMX, ctx -> asset(ctx, "text/javascript; charset=UTF-8", htmx));
        routes.get(STYLE, ctx -> asset(ctx, "text/css; charset=UTF-8", style));
    }

    private static void asset(Context ctx, String type, byte[] body) {
        ctx.header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff")
                .contentType(type).result(body);
    }

    /** The version of a WebJar on the class path, from its own pom.properties: the pom sets it once. */
    private static String webJarVersion(String artifact) {
        Properties pom = new Properties();
        try {
            pom.load(new ByteArrayInputStream(read("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = WebAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
