package io.qfgate.server.web.console.merchant;

import io.javalin.http.Context;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.domain.PortalStaff;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.console.ConsolePages.Frame;
import java.util.Locale;

/**
 * {@code /portal/staff}, for owners: the users of their app; add one (a generated password is
 * shown once), change a role or refund limit, disable or enable one. A refused change shows the
 * list again with the reason; a user of another app is not found.
 */
final class StaffPages {
    private static final int MAX_FIELD = 256;

    private final PortalMore pages;
    private final PortalStaff staff;

    StaffPages(PortalMore pages, PortalStaff staff) {
        this.pages = pages;
        this.staff = staff;
    }

    void show(Context ctx) {
        send(ctx, 200, pages.owner(ctx), null, null, null, null);
    }

    void create(Context ctx) {
        ConsoleAccount owner = pages.owner(ctx);
        try {
            PortalStaff.Created made = staff.create(owner, field(ctx, "username"), role(ctx), limit(ctx),
                    field(ctx, "password"), ctx.ip());
            send(ctx, 200, owner, made.member().username(), made.generatedPassword(), "staff.created", null);
        } catch (PortalStaff.Refused r) {
            refused(ctx, owner, r);
        }
    }

    void change(Context ctx) {
        ConsoleAccount owner = pages.owner(ctx);
        try {
            staff.change(owner, id(ctx), role(ctx), limit(ctx), ctx.ip());
            send(ctx, 200, owner, null, null, "staff.changed", null);
        } catch (PortalStaff.Refused r) {
            refused(ctx, owner, r);
        }
    }

    void access(Context ctx) {
        ConsoleAccount owner = pages.owner(ctx);
        boolean disable = "disable".equals(ctx.formParam("action"));
        try {
            staff.setDisabled(owner, id(ctx), disable, ctx.ip());
            send(ctx, 200, owner, null, null, disable ? "staff.disabled" : "staff.enabled", null);
        } catch (PortalStaff.Refused r) {
            refused(ctx, owner, r);
        }
    }

    private void refused(Context ctx, ConsoleAccount owner, PortalStaff.Refused r) {
        int status = switch (r.problem()) {
            case NOT_OWNER -> 403;
            case NOT_FOUND -> 404;
            case TAKEN, LAST_OWNER, SELF -> 409;
            default -> 400;
        };
        send(ctx, status, owner, null, null, null, key(r.problem()));
    }

    static String key(PortalStaff.Problem problem) {
        return "problem." + problem.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void send(Context ctx, int status, ConsoleAccount owner, String created, String password, String done,
            String error) {
        Frame frame = pages.frame(ctx);
        Pages.send(ctx, status, "portal_more/staff", new MorePages.Staff(frame, PortalMore.texts(frame), owner.id(),
                staff.list(owner), created, password, done, error));
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? null : v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new PortalStaff.Refused(PortalStaff.Problem.NOT_FOUND);
        }
    }

    private static PortalRole role(Context ctx) {
        String v = ctx.formParam("role");
        for (PortalRole r : PortalRole.values()) {
            if (r.dbName().equals(v)) {
                return r;
            }
        }
        throw new PortalStaff.Refused(PortalStaff.Problem.BAD_ROLE);
    }

    /** The refund limit in minor units; blank is none (only a cashier needs one). */
    private static Long limit(Context ctx) {
        String v = field(ctx, "refund_limit");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new PortalStaff.Refused(PortalStaff.Problem.BAD_LIMIT);
        }
    }
}
