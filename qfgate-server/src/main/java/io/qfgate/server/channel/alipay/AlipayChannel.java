package io.qfgate.server.channel.alipay;

import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.Currency;
import io.qfgate.server.domain.Channel;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.CustomsChannel;
import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alipay online payments over Alipay's MAPI ({@code gateway.do}). The gateway is the acquirer
 * ("partner"); each merchant appears to Alipay as a secondary merchant.
 */
public final class AlipayChannel implements Channel, CustomsChannel {
    /** Path of the gateway's own endpoint for Alipay's asynchronous notifications. */
    public static final String NOTIFY_PATH = "/trade/alipay/v1/online_notify";

    private static final Set<PayType> PAY_TYPES = Set.of(
            PayType.ALIPAY_ONLINE_WEB, PayType.ALIPAY_ONLINE_WAP,
            PayType.ALIPAY_HK_ONLINE_WEB, PayType.ALIPAY_HK_ONLINE_WAP);

    /**
     * Alipay's limit for {@code return_url}: URL(200) in the create_forex_trade docs, web and WAP
     * alike (its sandbox refuses longer ones too); a longer one would give a pay_url that fails.
     */
    public static final int RETURN_URL_MAX = 200;

    /** Size of the QR AlipayHK draws for embedding (qr_pay_mode 4), in pixels. */
    private static final String HK_QRCODE_WIDTH = "200";

    private final String gatewayUrl;
    private final String notifyUrl;
    private final MapiSigner signer;
    private final MapiClient client;
    private final ZoneOffset gatewayZone;
    private final AlipayCustoms customs;

    /**
     * @param gatewayUrl Alipay's {@code gateway.do} (the real one, or a sandbox)
     * @param notifyUrl  where Alipay posts payment results: this gateway's {@link #NOTIFY_PATH}
     * @param gatewayZone the zone of the gateway's times (Alipay's are Beijing time)
     */
    public AlipayChannel(AlipayAccount account, String gatewayUrl, String notifyUrl, ZoneOffset gatewayZone) {
        this.gatewayZone = gatewayZone;
        this.gatewayUrl = gatewayUrl;
        this.notifyUrl = notifyUrl;
        this.signer = account == null ? null : new MapiSigner(account);
        this.client = account == null ? null : new MapiClient(gatewayUrl, signer);
        this.customs = client == null ? null : new AlipayCustoms(client);
    }

    @Override
    public Set<PayType> payTypes() {
        return PAY_TYPES;
    }

    /** AlipayHK offers no way to close an order: it can only run out its expiry time. */
    @Override
    public Optional<String> whyNotCancellable(Transaction order) {
        return isHongKong(order.payType())
                ? Optional.of("Alipay HK orders cannot be cancelled; they expire after expired_time")
                : Optional.empty();
    }

    private static boolean isHongKong(PayType payType) {
        return payType == PayType.ALIPAY_HK_ONLINE_WEB || payType == PayType.ALIPAY_HK_ONLINE_WAP;
    }

    @Override
    public String payUrl(Transaction order, Merchant merchant) {
        requireAccount();
        PayType payType = order.payType();
        if (order.returnUrl() != null && order.returnUrl().length() > RETURN_URL_MAX) {
            throw Refusal.parameter("return_url", "at most " + RETURN_URL_MAX + " characters for pay type "
                    + payType.code() + " (Alipay's limit), got " + order.returnUrl().length());
        }
        boolean wap = payType.isWap();
        boolean hongKong = isHongKong(payType);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", wap ? "create_forex_trade_wap" : "create_forex_trade");
        params.put("partner", signer.partner());
        params.put("_input_charset", "UTF-8");
        params.put("notify_url", notifyUrl);
        params.put("return_url", order.returnUrl() == null ? "" : order.returnUrl());
        params.put("out_trade_no", order.syssn());
        params.put("subject", order.goodsName() != null && !order.goodsName().isBlank() ? order.goodsName() : merchant.name());
        params.put("total_fee", order.currency().toMajor(order.txamt()));
        params.put("currency", order.currency().name());
        params.put("product_code", wap ? "NEW_WAP_OVERSEAS_SELLER" : "NEW_OVERSEAS_SELLER");
        params.put("order_valid_time", Integer.toString(order.expiredMinutes() * 60));
        params.put("order_gmt_create", QfTime.format(order.sysdtm()));
        params.put("secondary_merchant_id", Long.toString(merchant.id()));
        params.put("secondary_merchant_name", merchant.name());
        params.put("secondary_merchant_industry", merchant.mcc());
        if (hongKong) {
            params.put("payment_inst", "ALIPAYHK");
        }
        if (payType == PayType.ALIPAY_HK_ONLINE_WEB) {
            // AlipayHK has no cashier page: ask for the bare QR, for the merchant to put in an iframe.
            params.put("qr_pay_mode", "4");
            params.put("qrcode_width", HK_QRCODE_WIDTH);
        }
        signer.sign(params);
        return gatewayUrl + "?" + FormEncoding.encode(params);
    }

    /** {@code single_trade_query} by our syssn (Alipay's {@code out_trade_no}). */
    @Override
    public ChannelStatus status(Transaction order) {
        requireAccount();
        try {
            return statusOf(client.call("single_trade_query", Map.of("out_trade_no", order.syssn())));
        } catch (MapiClient.MapiError e) {
            if (e.code.equals("TRADE_NOT_EXIST")) {
                return new ChannelStatus.Unknown();
            }
            throw e;
        }
    }

    /**
     * {@code close_trade}; Alipay answers the trade as it then is (paid, if the shopper was faster).
     * A bare {@code is_success T} is unsigned, so the trade's state is then asked for, signed.
     */
    @Override
    public ChannelStatus close(Transaction order) {
        requireAccount();
        try {
            return client.callAllowingBare("close_trade", Map.of("out_trade_no", order.syssn()))
                    .map(this::statusOf)
                    .orElseGet(() -> status(order));
        } catch (MapiClient.MapiError e) {
            return switch (e.code) {
                case "TRADE_NOT_EXIST" -> new ChannelStatus.Unknown();
                case "TRADE_HAS_CLOSED" -> new ChannelStatus.Closed();
                // Not closable (paid in the meantime): what it is now tells.
                default -> status(order);
            };
        }
    }

    /**
     * {@code forex_refund} in the order's currency; the refund's syssn is Alipay's
     * {@code out_return_no}, on which Alipay refunds once however often it is asked.
     *
     * <p>Alipay documents the synchronous answer as {@code is_success} ({@code T}: the refund is
     * accepted and done; {@code F} with an {@code error} code: refused) and nothing else, unsigned.
     * So a bare {@code is_success T} counts as refunded, believed as {@code notify_verify}'s plain
     * answer is, on the strength of the connection to Alipay's gateway (https in production); it
     * carries no refund time or CNY amount, so the gateway's time stands and the CNY amount stays
     * unknown. An answer that does carry a {@code <response>} (the sandbox sends one, with those
     * amounts) is believed only when signed and about this refund; anything else, and no answer at
     * all, throws, which leaves the refund's outcome unknown and asked again later.
     */
    @Override
    public RefundOutcome refund(Transaction payment, Transaction refund) {
        requireAccount();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("out_return_no", refund.syssn());
        params.put("out_trade_no", payment.syssn());
        params.put("return_amount", refund.currency().toMajor(refund.txamt()));
        params.put("currency", refund.currency().name());
        params.put("gmt_return", QfTime.format(refund.sysdtm().atOffset(gatewayZone)
                .withOffsetSameInstant(QfTime.DEFAULT_ZONE).toLocalDateTime()));
        Optional<Map<String, String>> answer;
        try {
            answer = client.callAllowingBare("forex_refund", params);
        } catch (MapiClient.MapiError e) {
            return new RefundOutcome.Refused("Alipay refused the refund: " + e.getMessage());
        }
        Receipt paid = payment.receipt();
        if (answer.isEmpty()) {
            return new RefundOutcome.Refunded(new Receipt(null, paid.chnlsn(), paid.cardcd(), null, null, null));
        }
        Map<String, String> done = answer.get();
        String cny = done.get("return_rmb_amount");
        return new RefundOutcome.Refunded(new Receipt(
                beijingToGateway(done.get("gmt_refund")),
                done.getOrDefault("trade_no", paid.chnlsn()),
                paid.cardcd(),
                done.get("exchange_rate"),
                cny == null ? null : Currency.CNY.toMinor(cny),
                cny == null ? null : Currency.CNY));
    }

    /** {@code alipay.acquire.customs}, then customs' verdict: see {@link AlipayCustoms}. */
    @Override
    public CustomsChannel.Outcome declare(Transaction payment, CustomsDeclaration declaration) {
        requireAccount();
        return customs.declare(payment, declaration);
    }

    /** {@code alipay.overseas.acquire.customs.query} by the declaration's {@code out_request_no}. */
    @Override
    public CustomsChannel.Outcome status(CustomsDeclaration declaration) {
        requireAccount();
        return customs.status(declaration);
    }

    private LocalDateTime beijingToGateway(String beijingTime) {
        return QfTime.parse(beijingTime)
                .map(t -> t.atOffset(QfTime.DEFAULT_ZONE).withOffsetSameInstant(gatewayZone).toLocalDateTime())
                .orElse(null);
    }

    /** A payment Alipay reported in its asynchronous notification, for the order with this syssn. */
    public record Notified(String syssn, ChannelStatus status) {}

    /**
     * Reads Alipay's asynchronous notification ({@code trade_status_sync}). Only a notification
     * signed with our partner key (or Alipay's RSA key) that Alipay confirms it sent
     * ({@code notify_verify}) is believed; anything else is empty.
     */
    public java.util.Optional<Notified> readNotification(Map<String, String> form) {
        if (signer == null
                || !"trade_status_sync".equals(form.get("notify_type"))
                || form.get("out_trade_no") == null
                || !signer.verify(form, form.get("sign_type"), form.get("sign"))
                || form.get("notify_id") == null
                || !client.notifyVerify(form.get("notify_id"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Notified(form.get("out_trade_no"), statusOf(form)));
    }

    /** A trade's fields, as {@code single_trade_query}, {@code close_trade} and notifications carry them. */
    ChannelStatus statusOf(Map<String, String> trade) {
        String status = String.valueOf(trade.get("trade_status"));
        return switch (status) {
            case "TRADE_FINISHED", "TRADE_SUCCESS" -> paid(trade);
            case "WAIT_BUYER_PAY" -> new ChannelStatus.Waiting();
            case "TRADE_CLOSED" -> new ChannelStatus.Closed();
            default -> throw new IllegalStateException("unknown Alipay trade_status " + status);
        };
    }

    private ChannelStatus.Paid paid(Map<String, String> trade) {
        Currency currency = Currency.of(trade.get("currency"))
                .orElseThrow(() -> new IllegalStateException("Alipay trade in unknown currency " + trade.get("currency")));
        String cny = trade.get("trans_amount_cny");
        Receipt receipt = new Receipt(
                beijingToGateway(trade.get("gmt_payment")),
                trade.get("trade_no"),
                trade.get("buyer_id"),
                trade.get("exchange_rate"),
                cny == null ? null : Currency.CNY.toMinor(cny),
                cny == null ? null : Currency.CNY);
        return new ChannelStatus.Paid(currency.toMinor(trade.get("total_fee")), currency, receipt);
    }

    private void requireAccount() {
        if (signer == null) {
            throw new Refusal(Respcd.STORE_MISCONFIGURED,
                    "the gateway has no Alipay partner account configured (./qfgate alipay set)");
        }
    }
}
