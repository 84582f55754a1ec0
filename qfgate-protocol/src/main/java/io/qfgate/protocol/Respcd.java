package io.qfgate.protocol;

import java.util.Optional;

/** QFPay's status codes ({@code respcd}) with their English meaning. */
public enum Respcd {
    SUCCESS("0000", "success"),
    SYSTEM_MAINTENANCE("1100", "system under maintenance"),
    REVERSAL_ERROR("1101", "reversal error"),
    DUPLICATE_REQUEST("1102", "duplicate request"),
    REQUEST_FORMAT_ERROR("1103", "request format error"),
    REQUEST_PARAMETER_ERROR("1104", "request parameter error"),
    DEVICE_NOT_ACTIVATED("1105", "device not activated"),
    INVALID_DEVICE("1106", "invalid device"),
    DEVICE_NOT_ALLOWED("1107", "device not allowed"),
    SIGNATURE_ERROR("1108", "signature error"),
    ALREADY_REFUNDED_1125("1125", "already refunded"),
    TRANSACTION_NOT_OPERABLE("1136", "transaction does not exist or is not operable"),
    ORDER_CLOSED("1142", "order already closed"),
    NOT_PAID_YET("1143", "not paid yet, shopper entering password"),
    PROCESSING("1145", "processing, please wait"),
    WECHAT_ERROR("1147", "WeChat transaction error"),
    T0_CANNOT_CANCEL("1150", "T0 billing cannot cancel"),
    REFUND_DENIED("1155", "refund denied"),
    ORDER_EXPIRED("1181", "order expired"),
    INSUFFICIENT_BALANCE("1201", "insufficient balance"),
    PAYMENT_CODE_WRONG("1202", "payment code wrong or expired"),
    MERCHANT_ACCOUNT_ERROR("1203", "merchant account error"),
    BANK_ERROR("1204", "bank error"),
    TRANSACTION_FAILED("1205", "transaction failed, please retry"),
    USE_UNIONPAY_OVERSEAS("1212", "use the UnionPay overseas code"),
    STORE_MISSING("1241", "store missing or in wrong status"),
    STORE_NOT_CONFIGURED("1242", "store not configured"),
    STORE_DISABLED("1243", "store disabled"),
    TRANSACTION_FORBIDDEN("1250", "transaction forbidden"),
    STORE_MISCONFIGURED("1251", "store misconfigured, being fixed"),
    SYSTEM_ERROR_CREATING_ORDER("1252", "system error creating order"),
    PROBLEM_BEING_RESOLVED("1254", "problem being resolved"),
    ALREADY_PAID("1260", "already paid"),
    NOT_PAID("1261", "not paid"),
    ALREADY_REFUNDED("1262", "already refunded"),
    ALREADY_CANCELLED("1263", "already cancelled"),
    ALREADY_CLOSED("1264", "already closed"),
    CANNOT_REFUND_NOW("1265", "cannot refund now"),
    WRONG_AMOUNT("1266", "wrong amount"),
    ORDER_MISMATCH("1267", "order information mismatch"),
    ORDER_NOT_FOUND("1268", "order does not exist"),
    INSUFFICIENT_UNSETTLED("1269", "insufficient unsettled amount for refund"),
    CURRENCY_NO_PARTIAL_REFUND("1270", "currency does not allow partial refund"),
    TRANSACTION_NO_PARTIAL_REFUND("1271", "transaction does not allow partial refund"),
    REFUND_EXCEEDS_REFUNDABLE("1272", "refund exceeds refundable amount"),
    PROHIBITED_BY_BANK("1294", "prohibited by bank"),
    SLOW_NETWORK_1295("1295", "slow network, confirm later"),
    SLOW_NETWORK_1296("1296", "slow network, confirm later"),
    BANK_BUSY("1297", "bank busy"),
    SLOW_NETWORK_1298("1298", "slow network, confirm later"),
    CUSTOMER_CODE_WRONG("2005", "customer code wrong or expired"),
    SERIAL_NUMBER_REPEATS("2011", "serial number repeats");

    private final String code;
    private final String meaning;

    Respcd(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Respcd> of(String code) {
        for (Respcd r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
