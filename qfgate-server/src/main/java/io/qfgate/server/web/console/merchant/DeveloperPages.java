package io.qfgate.server.web.console.merchant;

import io.javalin.http.Context;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.PortalDevelopers;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.console.ConsolePages.Frame;

/**
 * {@code /portal/developers}, for owners: the app code, a new client key (asked to confirm, then
 * shown once: never on a page again), a test notification and the newest deliveries.
 */
final class DeveloperPages {
    private final PortalMore pages;
    private final PortalDevelopers developers;

    DeveloperPages(PortalMore pages, PortalDevelopers developers) {
        this.pages = pages;
        this.developers = developers;
    }

    void show(Context ctx) {
        send(ctx, pages.owner(ctx), MorePages.KeyStep.SHOW, null, null, false);
    }

    /** Without {@code confirm=yes} asks to confirm; with it, replaces the key and shows the new one once. */
    void rotate(Context ctx) {
        ConsoleAccount owner = pages.owner(ctx);
        if (!"yes".equals(ctx.formParam("confirm"))) {
            send(ctx, owner, MorePages.KeyStep.CONFIRM, null, null, false);
            return;
        }
        String key = developers.rotateKey(owner, pages.app(ctx), ctx.ip());
        send(ctx, owner, MorePages.KeyStep.NEW_KEY, key, null, false);
    }

    void test(Context ctx) {
        ConsoleAccount owner = pages.owner(ctx);
        PortalDevelopers.TestResult result = developers.sendTest(owner, pages.app(ctx), ctx.ip());
        send(ctx, owner, MorePages.KeyStep.SHOW, null, result, result == null);
    }

    private void send(Context ctx, ConsoleAccount owner, MorePages.KeyStep step, String newKey,
            PortalDevelopers.TestResult test, boolean testWithoutUrl) {
        App app = pages.app(ctx);
        Frame frame = pages.frame(ctx);
        Pages.send(ctx, 200, "portal_more/developers", new MorePages.Developers(frame, PortalMore.texts(frame),
                app.appCode(), developers.notifyUrl(app), step, newKey, test, testWithoutUrl,
                developers.deliveries(owner, app)));
    }
}
