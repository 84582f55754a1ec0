package io.qfgate.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the precompiled JTE templates and sends them with the headers every page carries: no
 * caching, no sniffing, no framing (unless the page is meant to be framed), and a content security
 * policy that allows only this gateway's own scripts and styles.
 */
public final class Pages {
    /** Scripts and styles from {@code /assets} only; images may be inline QR codes. */
    public static final String DEFAULT_POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self'; "
            + "style-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    // Precompiled into this package's jte subpackage (see the pom), loaded with the server's classes.
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(
            null, ContentType.Html, Pages.class.getClassLoader(), "io.qfgate.server.web.jte");

    private Pages() {}

    public static String render(String template, Object page) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", page, out);
        return out.toString();
    }

    /** A page that no other site may frame. */
    public static void send(Context ctx, int status, String template, Object page) {
        send(ctx, status, template, page, DEFAULT_POLICY);
    }

    /**
     * A page with its own content security policy: one that may be framed says so with its
     * {@code frame-ancestors}, one that frames another site names it in {@code frame-src}.
     */
    public static void send(Context ctx, int status, String template, Object page, String policy) {
        ctx.header("Content-Security-Policy", policy);
        if (policy.contains("frame-ancestors 'none'")) {
            ctx.header("X-Frame-Options", "DENY"); // for browsers that ignore frame-ancestors
        }
        ctx.header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .status(status).contentType("text/html; charset=UTF-8")
                .result(render(template, page));
    }

    /**
     * An unexpected failure: logged with a short reference for the page to show, so the reader
     * can quote it and the operator can find it, and never a stack trace on the page.
     */
    public static String report(Exception e) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String ref = HexFormat.of().formatHex(bytes);
        LOG.error("page request failed, reference {}", ref, e);
        return ref;
    }
}
