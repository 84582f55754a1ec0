package io.qfgate.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a page answers when it cannot answer itself: a short page in the reader's language, never
 * a stack trace. An unexpected failure shows a reference ({@link Pages#report}) under status 500,
 * or 503 when the database is unavailable; a client over its flood allowance gets 429 with
 * {@code Retry-After}. The signed API answers its own failures in JSON (its handlers catch them),
 * so these pages are for the paths the gateway names as pages.
 */
public final class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);
    private static final String BUNDLE = "common";

    /** The reader sent more requests than its address is allowed: it may try again in {@code seconds}. */
    public static final class TooManyRequests extends RuntimeException {
        private final long seconds;

        public TooManyRequests(long seconds) {
            super(null, null, false, false); // an answer, not a failure: no stack to fill
            this.seconds = seconds;
        }
    }

    /** The error page's contents. */
    public record ErrorPage(Texts t, String title, String message) {}

    private PageErrors() {}

    /**
     * Answers exceptions thrown by the handlers of {@code isPage}'s paths with the error page; any
     * other path's escaped exception gets the plain 500 it got before.
     *
     * @param unavailable whether a failure means the database cannot be reached (503, not 500)
     */
    public static void register(RoutesConfig routes, Predicate<String> isPage, Predicate<Throwable> unavailable) {
        routes.exception(TooManyRequests.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.seconds));
            Texts t = texts(ctx);
            send(ctx, 429, t, "tooManyTitle", t.format("tooMany", e.seconds));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (!isPage.test(ctx.path())) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=UTF-8").result("Server Error");
                return;
            }
            String ref = Pages.report(e);
            Texts t = texts(ctx);
            if (unavailable.test(e)) {
                ctx.header("Retry-After", "30");
                send(ctx, 503, t, "unavailableTitle", t.format("unavailable", ref));
            } else {
                send(ctx, 500, t, "unexpectedTitle", t.format("unexpected", ref));
            }
        });
    }

    private static void send(Context ctx, int status, Texts t, String titleKey, String message) {
        Pages.send(ctx, status, "error", new ErrorPage(t, t.get(titleKey), message));
    }

    /** The page's language as the pages choose it: {@code lang} in the query or form, the consoles' cookie, the browser's. */
    private static Texts texts(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (lang == null && ctx.method() == HandlerType.POST && isForm(ctx)) {
            try {
                lang = ctx.formParam("lang");
            } catch (RuntimeException unreadable) {
                // The body may be what failed: the page is then in the browser's language.
            }
        }
        if (Lang.named(lang) == null) {
            lang = ctx.cookie(Lang.COOKIE);
        }
        return Texts.of(BUNDLE, Lang.choose(lang, ctx.header("Accept-Language")));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }
}
