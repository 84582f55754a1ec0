package io.qfgate.sandbox.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.sandbox.web.Views.Chrome;
import io.qfgate.sandbox.web.Views.LangLink;
import io.qfgate.sandbox.web.Views.Link;
import io.qfgate.sandbox.web.Views.MessagePage;
import io.qfgate.sandbox.web.Views.OrderSummary;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders the precompiled JTE templates and the pages every endpoint shares. */
final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    // Precompiled into the module's own package (see the pom), loaded with this module's classes.
    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), "io.qfgate.sandbox.jte");

    static String render(String template, Object page) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", page, out);
        return out.toString();
    }

    static void send(Context ctx, int status, String template, Object page) {
        ctx.status(status).contentType("text/html; charset=UTF-8").header("Cache-Control", "no-store")
                .result(render(template, page));
    }

    /**
     * The frame of a page. GET pages get a language switcher that repeats the request with
     * another {@code lang}; after a POST there is nothing safe to repeat, so none.
     */
    static Chrome chrome(Context ctx, Lang lang, String titleKey) {
        Texts t = Texts.of(lang);
        List<LangLink> links = new ArrayList<>();
        if (ctx.method() == HandlerType.GET) {
            for (Lang other : Lang.values()) {
                Map<String, String> query = new LinkedHashMap<>();
                ctx.queryParamMap().forEach((k, v) -> {
                    if (!k.equals("lang") && !v.isEmpty()) {
                        query.put(k, v.getFirst());
                    }
                });
                query.put("lang", other.code());
                links.add(new LangLink(other.label(), ctx.path() + "?" + FormEncoding.encode(query), other == lang));
            }
        }
        return new Chrome(lang, t, t.get(titleKey), links);
    }

    static void message(Context ctx, int status, Lang lang, String tone, String headingKey, String text, String code,
            OrderSummary order, List<Link> links) {
        send(ctx, status, "message", new MessagePage(chrome(ctx, lang, headingKey), tone, Texts.of(lang).get(headingKey),
                text, code, order, links));
    }

    /** An unexpected failure: logged with a reference the page shows, never a stack trace. */
    static String report(Exception e) {
        String ref = HexFormat.of().formatHex(randomBytes());
        LOG.error("sandbox request failed, reference {}", ref, e);
        return ref;
    }

    static void systemError(Context ctx, Lang lang, String ref) {
        message(ctx, 500, lang, "error", "systemErrorTitle", Texts.of(lang).format("systemErrorText", ref), null,
                null, List.of());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
