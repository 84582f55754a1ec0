package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * An asynchronous notification the gateway POSTs to the merchant after a successful payment or
 * refund, values as sent (null when absent). Obtain it from {@link NotificationVerifier#verify}.
 *
 * @param status     {@code 1}
 * @param notifyType {@code payment} or {@code refund}
 * @param respcd     {@code 0000}
 * @param mchid      the sub-merchant, for agents' apps only
 * @param origssn    for a refund, the payment it refunds
 * @param raw        every field of the body, including ones this record does not name
 */
public record Notification(
        String status,
        String notifyType,
        String payType,
        String syssn,
        String outTradeNo,
        String txamt,
        String txcurrcd,
        String txdtm,
        String sysdtm,
        String paydtm,
        String cancel,
        String respcd,
        String goodsName,
        String goodsInfo,
        String chnlsn,
        String chnlsn2,
        String cardcd,
        String exchangeRate,
        String cashFee,
        String cashFeeType,
        String cashRefundFee,
        String cashRefundFeeType,
        String mchid,
        String origssn,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) {

    public Notification {
        raw = Map.copyOf(raw);
    }

    public boolean isPayment() {
        return "payment".equals(notifyType);
    }

    public boolean isRefund() {
        return "refund".equals(notifyType);
    }
}
