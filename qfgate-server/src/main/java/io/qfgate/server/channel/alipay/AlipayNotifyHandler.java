package io.qfgate.server.channel.alipay;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.PaymentService.PaidOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /trade/alipay/v1/online_notify}: Alipay's asynchronous payment result. Answers
 * {@code success} once the result is recorded (or was already), so Alipay stops resending;
 * {@code fail} for anything not believed, which changes nothing.
 */
public final class AlipayNotifyHandler implements Handler {
    private static final Logger log = LoggerFactory.getLogger(AlipayNotifyHandler.class);

    private final AlipayChannel alipay;
    private final PaymentService payments;

    public AlipayNotifyHandler(AlipayChannel alipay, PaymentService payments) {
        this.alipay = alipay;
        this.payments = payments;
    }

    @Override
    public void handle(Context ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
            if (e.getValue().size() != 1) {
                ctx.result("fail");
                return;
            }
            form.put(e.getKey(), e.getValue().getFirst());
        }
        boolean taken;
        try {
            taken = alipay.readNotification(form).map(this::record).orElseGet(() -> {
                log.warn("Alipay notification for {} not verified; ignored", form.get("out_trade_no"));
                return false;
            });
        } catch (RuntimeException e) {
            // Alipay resends on anything but "success", so a passing fault loses nothing.
            log.warn("Alipay notification for {} not taken: {}", form.get("out_trade_no"), e.toString());
            taken = false;
        }
        ctx.contentType("text/plain").result(taken ? "success" : "fail");
    }

    private boolean record(AlipayChannel.Notified notified) {
        if (!(notified.status() instanceof ChannelStatus.Paid paid)) {
            return true; // waiting or closed: nothing to record, and nothing to resend
        }
        PaidOutcome outcome = payments.recordPaid(notified.syssn(), paid);
        log.info("Alipay notification for {}: {}", notified.syssn(), outcome);
        return switch (outcome) {
            case RECORDED, RECORDED_LATE, ALREADY_RECORDED -> true;
            case UNKNOWN_ORDER, MISMATCH -> false;
        };
    }
}
