package io.qfgate.sandbox.ledger;

/**
 * The {@code <error>} codes the sandbox answers with, named as Alipay's MAPI names them where
 * its documents give a name.
 */
public enum ErrorCode {
    ILLEGAL_SERVICE,
    ILLEGAL_PARTNER,
    ILLEGAL_SIGN,
    ILLEGAL_SIGN_TYPE,
    ILLEGAL_CHARSET,
    ILLEGAL_ARGUMENT,
    /** The same {@code out_trade_no} again, with another amount or currency. */
    DUPLICATE_OUT_TRADE_NO,
    /** The order was closed by the merchant or ran past {@code order_valid_time}. */
    TRADE_HAS_CLOSED,
    TRADE_NOT_EXIST,
    /** The trade is in a state that does not allow the operation (refund unpaid, close paid). */
    TRADE_STATUS_NOT_AVAILD,
    PURCHASE_TRADE_NOT_EXIST,
    RETURN_AMOUNT_EXCEED,
    CURRENCY_NOT_SAME,
    /** The same {@code out_return_no} again, for another trade or another amount. */
    DUPLICATE_OUT_RETURN_NO,
    SYSTEM_ERROR
}
