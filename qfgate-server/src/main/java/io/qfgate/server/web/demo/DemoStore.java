package io.qfgate.server.web.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.qfgate.client.CheckoutLink;
import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.client.QfPayClient;
import io.qfgate.client.QfPayException;
import io.qfgate.client.QueryRequest;
import io.qfgate.client.TransactionRecord;
import io.qfgate.server.web.FloodGuard;
import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The sandbox's demo store at {@code /}: a merchant of this very gateway, written as any merchant
 * would write it with the SDK. It sells three items through the hosted checkout page (a signed
 * {@link CheckoutLink} made here, server-side, with the demo merchant's key), takes the payment
 * notifications at {@code /demo/notify} (verified with {@link NotificationVerifier}, kept in memory
 * only: a demo forgets them on restart), and confirms each order on its thank-you page by querying
 * {@code /trade/v1/query} over HTTP at the gateway's own public URL.
 */
public final class DemoStore {
    public static final String NOTIFY_PATH = "/demo/notify";
    static final String THANKS_PATH = "/demo/thanks";
    static final String FAILED_PATH = "/demo/failed";
    static final String BUY_PATH = "/demo/buy";
    /** The store's own order numbers; anything else is not one of its orders. */
    private static final Pattern ORDER_NO = Pattern.compile("demo-\\d{14}-[0-9a-f]{8}");
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int MAX_REMEMBERED_NOTICES = 10_000;

    private final String publicUrl;
    private final Supplier<Optional<DemoMerchant>> merchant;
    private final Clock clock;
    private final ZoneId zone;
    private final FormToken tokens = new FormToken();
    private final SecureRandom random = new SecureRandom();
    /** The verified payment notifications by out_trade_no, in memory: the demo's stand-in for an order table. */
    private final Cache<String, Notification> notices = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED_NOTICES).build();
    private final AtomicReference<Connection> connection = new AtomicReference<>();

    /** The SDK client for one set of credentials, kept while they stay the same. */
    private record Connection(DemoMerchant merchant, QfPayClient client) {}

    /**
     * @param publicUrl the gateway's public URL: the store's links point there, and it queries the gateway there
     * @param merchant  the demo merchant as stored now (its key may be changed at any time), if there is one
     */
    private DemoStore(String publicUrl, Supplier<Optional<DemoMerchant>> merchant, Clock clock, ZoneId zone) {
        this.publicUrl = publicUrl;
        this.merchant = merchant;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Serves {@code /}: the demo store when {@code merchant} is given (sandbox mode), else a page
     * that names the gateway and links to {@code /status} (production mode has no demo). Pay, which
     * signs a link, is behind {@code guard}.
     */
    public static void mount(RoutesConfig routes, Supplier<Optional<DemoMerchant>> merchant, String publicUrl,
            Clock clock, ZoneId zone, FloodGuard guard) {
        if (merchant == null) {
            routes.get("/", ctx -> {
                Lang lang = lang(ctx);
                Pages.send(ctx, 200, "demo/home", new DemoPages.Home(lang, DemoPages.texts(lang)));
            });
            return;
        }
        DemoStore store = new DemoStore(publicUrl, merchant, clock, zone);
        routes.get("/", store::shop);
        routes.post(BUY_PATH, guard.before(store::buy));
        routes.get(THANKS_PATH, store::thanks);
        routes.get(FAILED_PATH, store::failed);
        routes.post(NOTIFY_PATH, store::notify);
    }

    private void shop(Context ctx) {
        Lang lang = lang(ctx);
        Texts t = DemoPages.texts(lang);
        String nonce = tokens.nonce(ctx.cookie(FormToken.COOKIE));
        // Path /demo: the cookie goes with the store's posts only; Strict: never with another site's.
        ctx.header("Set-Cookie", FormToken.COOKIE + "=" + nonce + "; Path=/demo; HttpOnly; SameSite=Strict"
                + (publicUrl.startsWith("https:") ? "; Secure" : ""));
        var items = Arrays.stream(DemoItem.values())
                .map(i -> new DemoPages.Item(i.id(), t.get("item." + i.id() + ".name"),
                        t.get("item." + i.id() + ".description"), DemoItem.money(i.price()), i.image()))
                .toList();
        Pages.send(ctx, 200, "demo/shop", new DemoPages.Shop(lang, t, items, tokens.field(nonce),
                merchant.get().isPresent()));
    }

    /** Pay: a signed checkout link for the item, made here with the merchant's key, and the browser sent there. */
    private void buy(Context ctx) {
        Lang lang = lang(ctx);
        if (!tokens.matches(ctx.cookie(FormToken.COOKIE), ctx.formParam("token"))) {
            message(ctx, 403, lang, "badFormTitle", DemoPages.texts(lang).get("badForm"));
            return;
        }
        Optional<DemoItem> item = DemoItem.of(ctx.formParam("item"));
        if (item.isEmpty()) {
            message(ctx, 400, lang, "unknownItemTitle", DemoPages.texts(lang).get("unknownItem"));
            return;
        }
        Optional<QfPayClient> client = client();
        if (client.isEmpty()) {
            message(ctx, 409, lang, "unavailableTitle", DemoPages.texts(lang).get("unavailable"));
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        String orderNo = "demo-" + ORDER_TIME.format(now) + "-" + HexFormat.of().formatHex(randomBytes(4));
        String back = "?out_trade_no=" + orderNo + "&lang=" + lang.code();
        URI link = client.get().checkoutUrl(CheckoutLink.builder()
                .txamt(item.get().price()).txcurrcd(DemoItem.CURRENCY)
                .outTradeNo(orderNo).txdtm(now)
                .goodsName(DemoPages.texts(lang).get("item." + item.get().id() + ".name"))
                .returnUrl(publicUrl + THANKS_PATH + back)
                .failedUrl(publicUrl + FAILED_PATH + back)
                .cancelUrl(publicUrl + "/?lang=" + lang.code())
                .notifyUrl(publicUrl + NOTIFY_PATH)
                .lang(lang.code())
                .build());
        ctx.redirect(link.toString(), HttpStatus.SEE_OTHER);
    }

    /** The return page: the order as the gateway reports it, asked through the SDK like any merchant would. */
    private void thanks(Context ctx) {
        Lang lang = lang(ctx);
        Texts t = DemoPages.texts(lang);
        String orderNo = ctx.queryParam("out_trade_no");
        if (orderNo == null || !ORDER_NO.matcher(orderNo).matches()) {
            message(ctx, 404, lang, "unknownOrderTitle", t.format("unknownOrder", shorten(orderNo)));
            return;
        }
        Optional<QfPayClient> client = client();
        if (client.isEmpty()) {
            message(ctx, 409, lang, "unavailableTitle", t.get("unavailable"));
            return;
        }
        Notification notice = notices.getIfPresent(orderNo);
        // By syssn once the notification named it: the time range then does not matter. Before
        // that by out_trade_no, in the current month (the query's default range).
        QueryRequest query = notice != null ? QueryRequest.builder().syssn(notice.syssn()).build()
                : QueryRequest.builder().outTradeNo(orderNo).build();
        Optional<TransactionRecord> order;
        try {
            var answer = client.get().query(query);
            if (!answer.isSuccess()) {
                message(ctx, 200, lang, "queryFailedTitle", t.format("queryFailed", answer.respcd() + " "
                        + answer.resperr()));
                return;
            }
            order = answer.data().stream()
                    .filter(r -> orderNo.equals(r.outTradeNo()) && "payment".equals(r.orderType())).findFirst();
        } catch (QfPayException e) {
            message(ctx, 200, lang, "queryFailedTitle", t.format("queryFailed", e.reason()));
            return;
        }
        if (order.isEmpty()) {
            message(ctx, 404, lang, "unknownOrderTitle", t.format("unknownOrder", orderNo));
            return;
        }
        Pages.send(ctx, 200, "demo/thanks", thanksPage(lang, t, order.get(), notice != null));
    }

    private static DemoPages.Thanks thanksPage(Lang lang, Texts t, TransactionRecord order, boolean notified) {
        DemoPages.State state = order.isSuccess() ? DemoPages.State.PAID
                : order.isPending() ? DemoPages.State.PENDING : DemoPages.State.UNPAID;
        String stateText = switch (state) {
            case PAID -> t.get("statePaid");
            case PENDING -> t.get("statePending");
            case UNPAID -> t.format("stateNotPaid", order.respcd());
        };
        String amount = DemoItem.CURRENCY.name().equals(order.txcurrcd()) && order.txamt() != null
                && order.txamt().matches("\\d{1,12}") ? DemoItem.money(Long.parseLong(order.txamt()))
                : order.txcurrcd() + " " + order.txamt();
        return new DemoPages.Thanks(lang, t, order.outTradeNo(), order.goodsName(), amount, order.syssn(), state,
                stateText, notified);
    }

    private void failed(Context ctx) {
        Lang lang = lang(ctx);
        String orderNo = ctx.queryParam("out_trade_no");
        Texts t = DemoPages.texts(lang);
        message(ctx, 200, lang, "failedTitle", orderNo != null && ORDER_NO.matcher(orderNo).matches()
                ? t.format("failed", orderNo) : t.get("failedGeneric"));
    }

    /** The gateway's notification: verified with the merchant's key, remembered, answered SUCCESS. */
    private void notify(Context ctx) {
        Optional<DemoMerchant> m = merchant.get();
        if (m.isEmpty()) {
            ctx.status(409).contentType("text/plain; charset=UTF-8").result("no demo merchant on this gateway");
            return;
        }
        Notification notice;
        try {
            notice = new NotificationVerifier(m.get().clientKey()).verify(ctx.bodyAsBytes(), ctx.header("X-QF-SIGN"));
        } catch (QfPayException e) {
            ctx.status(400).contentType("text/plain; charset=UTF-8").result("refused: " + e.getMessage());
            return;
        }
        if (notice.isPayment() && notice.outTradeNo() != null) {
            notices.put(notice.outTradeNo(), notice);
        }
        ctx.contentType("text/plain; charset=UTF-8").result("SUCCESS");
    }

    /** The SDK client for the demo merchant as stored now, if there is one. */
    private Optional<QfPayClient> client() {
        Optional<DemoMerchant> now = merchant.get();
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Connection c = connection.updateAndGet(old -> old != null && old.merchant().equals(now.get()) ? old
                : new Connection(now.get(), QfPayClient.builder().baseUrl(URI.create(publicUrl))
                        .appCode(now.get().appCode()).clientKey(now.get().clientKey())
                        .timeout(Duration.ofSeconds(10)).build()));
        return Optional.of(c.client());
    }

    /** A page saying {@code text} (already in {@code lang}) under the title {@code titleKey}. */
    private static void message(Context ctx, int status, Lang lang, String titleKey, String text) {
        Texts t = DemoPages.texts(lang);
        Pages.send(ctx, status, "demo/message", new DemoPages.Message(lang, t, t.get(titleKey), text));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Lang lang(Context ctx) {
        String param = ctx.queryParam("lang");
        if (param == null && ctx.method() == HandlerType.POST) { // the pay form says it in a field
            param = ctx.formParam("lang");
        }
        return Lang.choose(param, ctx.header("Accept-Language"));
    }

    /** An unknown order number as the page may repeat it: short, so a long parameter cannot fill the page. */
    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
