package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.qfgate.protocol.Respcd;
import java.util.Map;

/**
 * One transaction as {@code /trade/v1/query} lists it, values as sent (null when absent).
 *
 * @param orderType {@code payment} or {@code refund}
 * @param cancel    0 not cancelled, 1 CPM reversed/refunded, 2 MPM cancelled, 3 refunded,
 *                  4 pre-auth finished, 5 partially refunded
 * @param respcd    the transaction's state: {@code 0000} success, {@code 1143}/{@code 1145} pending,
 *                  {@code 1181} expired, {@code 1142} closed, …
 * @param origssn   for a refund, the payment it refunds
 * @param raw       every field of the transaction, including ones this record does not name
 */
public record TransactionRecord(
        String syssn,
        String outTradeNo,
        String chnlsn,
        String goodsName,
        String goodsInfo,
        String txcurrcd,
        String payType,
        String orderType,
        String txdtm,
        String txamt,
        String sysdtm,
        String paydtm,
        String udid,
        String cancel,
        String respcd,
        String errmsg,
        String origssn,
        String exchangeRate,
        String cashFee,
        String cashFeeType,
        String cashRefundFee,
        String cashRefundFeeType,
        String note,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) {

    public TransactionRecord {
        raw = Map.copyOf(raw);
    }

    /** Paid (or refunded) successfully. */
    public boolean isSuccess() {
        return Respcd.SUCCESS.code().equals(respcd);
    }

    /** Not settled yet: {@code 1143} the shopper has not paid, {@code 1145} the result is being confirmed. */
    public boolean isPending() {
        return Respcd.NOT_PAID_YET.code().equals(respcd) || Respcd.PROCESSING.code().equals(respcd);
    }
}
