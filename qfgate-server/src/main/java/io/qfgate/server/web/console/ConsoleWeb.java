package io.qfgate.server.web.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.web.FloodGuard;
import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Sign-in, sign-out, sessions and CSRF for the merchants' portal ({@code /portal/}) and the
 * operators' console ({@code /admin/}); the pages behind them are in {@link ConsoleHomes}.
 *
 * <p>Every request under a console's path but its sign-in page needs that console's session:
 * without one a page request is sent to the sign-in page (an htmx request gets
 * {@code HX-Redirect}). Every POST carries a synchroniser token, the session's, or for the sign-in
 * form a token tied to a cookie; a POST without the right one gets a 403 page.
 */
public final class ConsoleWeb {
    static final String BUNDLE = "console";
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String LANG_COOKIE = Lang.COOKIE;
    private static final String SIGNED = "qfgate.signed";

    /**
     * A group of pages behind a console's sign-in. It mounts its routes under {@link #PORTAL} or
     * {@link #ADMIN}; the guard has then already checked the session (and on a POST its CSRF
     * token), and {@link #signed} and {@link #frame} give the page its user and its frame.
     */
    public interface Section {
        void mount(RoutesConfig routes, ConsoleWeb web);
    }

    /** The merchants' portal's path. */
    public static final String PORTAL = "/portal";
    /** The operators' console's path. */
    public static final String ADMIN = "/admin";

    private final ConsoleAuth auth;
    private final ConsoleHomes homes;
    private final boolean secureCookies;
    private final java.util.List<Section> sections;

    private ConsoleWeb(ConsoleAuth auth, ConsoleHomes homes, boolean secureCookies, java.util.List<Section> sections) {
        this.auth = auth;
        this.homes = homes;
        this.secureCookies = secureCookies;
        this.sections = java.util.List.copyOf(sections);
    }

    /** {@code publicUrl} decides the cookies' {@code Secure} flag: set when browsers reach the gateway over https. */
    public static ConsoleWeb of(ConsoleAuth auth, ConsoleHomes homes, String publicUrl, Section... sections) {
        return new ConsoleWeb(auth, homes, publicUrl.startsWith("https://"), java.util.List.of(sections));
    }

    /** {@code guard} comes before a sign-in's throttling and password hash: a flood costs neither. */
    public void mount(RoutesConfig routes, FloodGuard guard) {
        for (Side side : Side.values()) {
            // Paths match with or without a trailing slash: the first covers the console's home as /portal.
            routes.before(side.base, ctx -> guard(side, ctx));
            routes.before(side.base + "/*", ctx -> guard(side, ctx));
            routes.get(side.login(), ctx -> loginForm(side, ctx));
            routes.post(side.login(), guard.before(ctx -> signIn(side, ctx)));
            routes.post(side.base + "/logout", ctx -> signOut(side, ctx));
        }
        routes.get(Side.PORTAL.home(), ctx -> homes.portal(ctx, frame(Side.PORTAL, ctx), signed(ctx)));
        routes.get(Side.OPERATOR.home(), ctx -> homes.admin(ctx, frame(Side.OPERATOR, ctx), signed(ctx)));
        sections.forEach(section -> section.mount(routes, this));
    }

    /** The signed-in user of a request under a console's path (the guard has checked it). */
    public ConsoleAuth.Signed signed(Context ctx) {
        return ctx.attribute(SIGNED);
    }

    /** The frame of a page of the console whose path this request is under. */
    public ConsolePages.Frame frame(Context ctx) {
        return frame(ctx.path().startsWith(ADMIN) ? Side.OPERATOR : Side.PORTAL, ctx);
    }

    /** Compares in time independent of where the tokens differ; a missing token never matches. */
    public static boolean sameToken(String expected, String sent) {
        return expected != null && sent != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs before every request under a console's path: the session, and on a POST its token. */
    private void guard(Side side, Context ctx) {
        if (ctx.path().equals(side.login()) || ctx.attribute(SIGNED) != null) {
            return; // the sign-in form checks its own token; a request matched twice is checked once
        }
        Optional<ConsoleAuth.Signed> signed = auth.current(side.kind, ctx.cookie(side.cookie));
        if (signed.isEmpty()) {
            ctx.skipRemainingHandlers();
            if (ctx.header("HX-Request") != null) {
                ctx.header("HX-Redirect", side.login()).status(HttpStatus.UNAUTHORIZED);
            } else {
                ctx.redirect(side.login(), HttpStatus.SEE_OTHER);
            }
            return;
        }
        ctx.attribute(SIGNED, signed.get());
        if (ctx.method().name().equals("POST") && !sameToken(signed.get().csrfToken(), sentToken(ctx))) {
            ctx.skipRemainingHandlers();
            refuse(side, ctx);
        }
    }

    private static String sentToken(Context ctx) {
        String header = ctx.header(CSRF_HEADER);
        return header != null ? header : ctx.formParam(CSRF_FIELD);
    }

    private void loginForm(Side side, Context ctx) {
        if (auth.current(side.kind, ctx.cookie(side.cookie)).isPresent()) {
            ctx.redirect(side.home(), HttpStatus.SEE_OTHER);
            return;
        }
        showLogin(side, ctx, 200, "", null);
    }

    /** The form, with a fresh token in it and in a cookie of this console's path. */
    private void showLogin(Side side, Context ctx, int status, String username, String error) {
        String token = ConsoleAuth.randomToken();
        ctx.cookie(cookie(side, side.loginCookie(), token));
        Pages.send(ctx, status, "console/login",
                new ConsolePages.Login(frame(side, ctx), token, username, error));
    }

    private void signIn(Side side, Context ctx) {
        if (!sameToken(ctx.cookie(side.loginCookie()), ctx.formParam(CSRF_FIELD))) {
            refuse(side, ctx);
            return;
        }
        String username = limited(ctx.formParam("username"), 256);
        ConsoleAuth.Attempt attempt = auth.signIn(side.kind, username, ctx.formParam("password"), ctx.ip());
        switch (attempt.outcome()) {
            case SIGNED_IN -> {
                ctx.cookie(cookie(side, side.cookie, attempt.token()));
                ctx.removeCookie(side.loginCookie(), side.base);
                ctx.redirect(side.home(), HttpStatus.SEE_OTHER);
            }
            case WRONG_PASSWORD -> showLogin(side, ctx, 401, username, "login.wrong");
            case LOCKED_OUT -> showLogin(side, ctx, 429, username, "login.locked");
        }
    }

    private void signOut(Side side, Context ctx) {
        auth.signOut(signed(ctx), ctx.ip());
        ctx.removeCookie(side.cookie, side.base);
        ctx.redirect(side.login(), HttpStatus.SEE_OTHER);
    }

    private void refuse(Side side, Context ctx) {
        Pages.send(ctx, 403, "console/refused", new ConsolePages.Refused(frame(side, ctx), "refused.csrf"));
    }

    /** HttpOnly, SameSite=Lax, scoped to the console's path, Secure behind https; gone when the browser closes. */
    private Cookie cookie(Side side, String name, String value) {
        return new Cookie(name, value, side.base, -1, secureCookies, true, null, SameSite.LAX);
    }

    private ConsolePages.Frame frame(Side side, Context ctx) {
        ConsoleAuth.Signed signed = ctx.attribute(SIGNED);
        Lang lang = lang(ctx);
        return new ConsolePages.Frame(lang, Texts.of(BUNDLE, lang), side.base, side.titleKey(), ctx.path(),
                signed == null ? null : signed.account().username(), signed == null ? null : signed.csrfToken(),
                side.nav());
    }

    /** The {@code lang} parameter (remembered in a cookie), else the cookie, else the browser's languages. */
    private Lang lang(Context ctx) {
        Lang named = Lang.named(ctx.queryParam("lang"));
        if (named != null) {
            ctx.cookie(new Cookie(LANG_COOKIE, named.code(), "/", 365 * 24 * 3600, secureCookies, true, null,
                    SameSite.LAX));
            return named;
        }
        return Lang.choose(ctx.cookie(LANG_COOKIE), ctx.header("Accept-Language"));
    }


    private static String limited(String value, int max) {
        return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
    }
}
