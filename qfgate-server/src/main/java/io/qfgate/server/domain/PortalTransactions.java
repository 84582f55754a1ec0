package io.qfgate.server.domain;

import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A portal user's transactions: the list, its export, one transaction's detail, and what the user
 * may do to one (refund, close, note, resend its notification). Every read is limited to the
 * merchants of the user's own app, every action to what the user's role allows, and every action
 * goes through the same services as the API and into the audit log.
 */
public final class PortalTransactions {
    /** Rows per page of the list. */
    public static final int PAGE_SIZE = 50;
    /** The most rows one export writes: far beyond a useful spreadsheet, a bound on one request's work. */
    public static final int MAX_EXPORT = 1_000_000;
    /** The API's limit on a note. */
    public static final int MAX_NOTE = 200;
    /** A refund form's one-time key: becomes the refund's out_trade_no, so a second submit repeats the first. */
    public static final Pattern REFUND_KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    static final String REFUND_PREFIX = "portal-";

    private final Stores.Apps apps;
    private final Merchants merchants;
    private final Stores.Transactions transactions;
    private final Stores.Outbox outbox;
    private final PaymentService payments;
    private final RefundService refunds;
    private final ConsoleStores.AuditLog audit;
    private final Runnable noticeQueued;
    private final Clock clock;
    private final ZoneOffset zone;

    /** The services a portal action goes through, as the API's do. */
    public record Services(PaymentService payments, RefundService refunds, Stores.Outbox outbox, Runnable noticeQueued) {}

    private PortalTransactions(Stores.Apps apps, Stores.Transactions transactions, Services services,
            ConsoleStores.AuditLog audit, Clock clock, ZoneOffset zone) {
        this.apps = apps;
        this.merchants = new Merchants(apps);
        this.transactions = transactions;
        this.outbox = services.outbox();
        this.payments = services.payments();
        this.refunds = services.refunds();
        this.noticeQueued = services.noticeQueued();
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    public static PortalTransactions over(Stores.Apps apps, Stores.Transactions transactions, Services services,
            ConsoleStores.AuditLog audit, Clock clock, ZoneOffset zone) {
        return new PortalTransactions(apps, transactions, services, audit, clock, zone);
    }

    /** Who acts, from where: what the audit log records. */
    public record Actor(ConsoleAccount account, String ip) {}

    /** A role may not do this: refused before anything is read or changed. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String why) {
            super(why, null, false, false);
        }
    }

    /** One page of the list and the syssn to continue after (null on the last page). */
    public record Page(List<Transaction> rows, String next) {}

    /** The newest matching transactions after the one named {@code after} (null: from the newest). */
    public Page search(ConsoleAccount user, TransactionSearch search, String after) {
        Set<Long> scope = scope(user, search.mchid());
        Transaction from = after == null ? null : transactions.bySyssn(after)
                .filter(t -> scope.contains(t.merchantId()))
                .orElseThrow(() -> Refusal.parameter("after", "no transaction " + after + " in this list"));
        List<Transaction> rows = new ArrayList<>();
        transactions.search(scope, search, from, PAGE_SIZE + 1, rows::add);
        if (rows.size() <= PAGE_SIZE) {
            return new Page(rows, null);
        }
        List<Transaction> shown = rows.subList(0, PAGE_SIZE);
        return new Page(List.copyOf(shown), shown.getLast().syssn());
    }

    /** Every matching transaction, newest first, handed over one at a time as the database sends it. */
    public void export(ConsoleAccount user, TransactionSearch search, Consumer<Transaction> each) {
        transactions.search(scope(user, search.mchid()), search, null, MAX_EXPORT, each);
    }

    /** The merchants of the user's app, or the one sub-merchant {@code mchid} names. */
    private Set<Long> scope(ConsoleAccount user, String mchid) {
        App app = appOf(user);
        List<Merchant> reached = mchid == null ? merchants.ofApp(app) : List.of(merchants.resolve(app, mchid));
        return reached.stream().map(Merchant::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The user's app's merchants: an agent's sub-merchants (to filter by), a merchant app's one. */
    public List<Merchant> merchantsOf(ConsoleAccount user) {
        return merchants.ofApp(appOf(user));
    }

    /** A transaction with what the detail page shows of it; {@code notice} and its attempts may be absent. */
    public record Detail(Transaction transaction, Merchant merchant, List<Transaction> refunds,
            Optional<Stores.Outbox.Entry> notice, List<Stores.Outbox.Attempt> attempts) {}

    /** The transaction, if it is one of the user's app's merchants'. */
    public Optional<Detail> detail(ConsoleAccount user, String syssn) {
        return visible(user, syssn).map(t -> {
            Optional<Stores.Outbox.Entry> notice = outbox.bySyssn(t.syssn());
            return new Detail(t, apps.merchantById(t.merchantId()).orElseThrow(),
                    t.isRefund() ? List.of() : transactions.refundsOf(t.syssn()), notice,
                    notice.map(n -> outbox.attempts(n.id())).orElse(List.of()));
        });
    }

    private Optional<Transaction> visible(ConsoleAccount user, String syssn) {
        if (syssn == null || syssn.length() != 26) {
            return Optional.empty();
        }
        Set<Long> scope = scope(user, null);
        return transactions.bySyssn(syssn).filter(t -> scope.contains(t.merchantId()));
    }

    private Transaction required(ConsoleAccount user, String syssn) {
        return visible(user, syssn).orElseThrow(() -> new Refusal(Respcd.ORDER_NOT_FOUND,
                "syssn: no transaction " + syssn + " for this merchant"));
    }

    /** Whether the user's role allows changing transactions at all (a viewer's does not). */
    public static boolean mayAct(ConsoleAccount user) {
        return user.role() == PortalRole.OWNER || user.role() == PortalRole.CASHIER;
    }

    /**
     * Refunds {@code amount} of the payment through the API's refund service. {@code key} is the
     * form's one-time key: the refund's out_trade_no, so submitting the form twice answers the
     * first refund. A cashier may refund at most their refund limit at a time.
     */
    public Transaction refund(Actor actor, String syssn, long amount, String key) {
        ConsoleAccount user = allowed(actor);
        if (user.role() == PortalRole.CASHIER && amount > user.refundLimit()) {
            throw new NotAllowed("the amount " + amount + " is above your refund limit of " + user.refundLimit());
        }
        if (key == null || !REFUND_KEY.matcher(key).matches()) {
            throw Refusal.parameter("key", "the form's key is missing or malformed; open the refund form again");
        }
        if (amount <= 0) {
            throw Refusal.parameter("amount", "must be more than zero");
        }
        Transaction payment = required(user, syssn);
        LocalDateTime now = now();
        App app = appOf(user);
        Transaction refund = refunds.refund(app, new NewRefund(payment.syssn(), REFUND_PREFIX + key, amount,
                QfTime.format(now), zone, mchidOf(app, payment), null, null));
        record(actor, AuditAction.REFUND, "refund " + refund.syssn() + " of " + payment.syssn() + ": " + amount
                + " " + payment.currency().name() + ", respcd " + refund.respcd().code());
        return refund;
    }

    /** Closes an unpaid order, at the channel first, as {@code /trade/v1/close} does. */
    public void close(Actor actor, String syssn) {
        ConsoleAccount user = allowed(actor);
        Transaction order = required(user, syssn);
        App app = appOf(user);
        payments.cancel(app, new PaymentService.CancelRequest(order.syssn(), null, order.txamt(), mchidOf(app, order)));
        record(actor, AuditAction.ORDER_CLOSED, "closed " + order.syssn());
    }

    /** Whether the user may set notes: as in the API, only for a merchant app, not an agent's. */
    public boolean mayNote(ConsoleAccount user) {
        return mayAct(user) && !appOf(user).isAgent();
    }

    /** Sets the transaction's note, as {@code /trade/v1/add_note} does. */
    public void note(Actor actor, String syssn, String note) {
        ConsoleAccount user = allowed(actor);
        if (note == null || note.isBlank() || note.length() > MAX_NOTE) {
            throw Refusal.parameter("note", "1 to " + MAX_NOTE + " characters");
        }
        Transaction t = required(user, syssn);
        payments.addNote(appOf(user), t.syssn(), note.strip());
        record(actor, AuditAction.NOTE_SET, "note on " + t.syssn() + ": " + note.strip());
    }

    /** Puts the transaction's failed notification back in line, as {@code ./qfgate notify resend} does. */
    public void resend(Actor actor, String syssn) {
        ConsoleAccount user = allowed(actor);
        Transaction t = required(user, syssn);
        Stores.Outbox.Entry notice = outbox.bySyssn(t.syssn()).orElseThrow(() -> new Refusal(
                Respcd.REQUEST_PARAMETER_ERROR, "syssn: " + t.syssn() + " has no notification"));
        if (outbox.resend(notice.id(), now()) != 1) {
            throw new Refusal(Respcd.REQUEST_PARAMETER_ERROR, "the notification of " + t.syssn()
                    + " has not failed (it is " + notice.state().code() + "); only a failed one is sent again");
        }
        noticeQueued.run();
        record(actor, AuditAction.NOTICE_RESENT, "notification " + notice.id() + " of " + t.syssn());
    }

    /** Refuses a user whose role may not change transactions. */
    public static void requireMayAct(ConsoleAccount user) {
        if (!mayAct(user)) {
            throw new NotAllowed("a viewer may not change transactions");
        }
    }

    private static ConsoleAccount allowed(Actor actor) {
        requireMayAct(actor.account());
        return actor.account();
    }

    /** How the API names the transaction's merchant: an agent by its sub-merchant's mchid, a merchant app not at all. */
    private String mchidOf(App app, Transaction t) {
        return app.isAgent() ? apps.merchantById(t.merchantId()).orElseThrow().mchid() : null;
    }

    private App appOf(ConsoleAccount user) {
        return apps.byId(user.appId()).orElseThrow(() -> new IllegalStateException("portal user without app"));
    }

    private void record(Actor actor, AuditAction action, String detail) {
        ConsoleAccount a = actor.account();
        audit.append(new AuditEntry(now(), a.kind(), a.id(), a.username(), action, detail, actor.ip()));
    }

    private LocalDateTime now() {
        return QfTime.now(clock, zone);
    }
}
