package io.qfgate.client;

import static io.qfgate.client.FakeGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.client.QfPayException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotificationVerifierTest {
    /*
     * Computed with python3 exactly as the QFPay docs' sample signs a notification:
     *
     *   import json, hashlib
     *   key = "0E32A59A8B454940A2FF39CD56EF7890"   # FakeGateway.CLIENT_KEY
     *   data = {"status": "1", "notify_type": "payment", "pay_type": "801101",
     *           "syssn": "20260101000300020087033882", "out_trade_no": "ORDER-1001", "txamt": "300",
     *           "txcurrcd": "HKD", "txdtm": "2026-01-01 10:30:34", "sysdtm": "2026-01-01 10:30:35",
     *           "paydtm": "2026-01-01 10:31:02", "cancel": "0", "respcd": "0000", "goods_name": "綠茶",
     *           "goods_info": "green tea 100g", "chnlsn": "2026010122001396541234567890", "chnlsn2": "",
     *           "cardcd": "2088102122524333", "exchange_rate": "0.9215", "cash_fee": "276",
     *           "cash_fee_type": "CNY", "cash_refund_fee": "", "cash_refund_fee_type": ""}
     *   body = json.dumps(data)   # separators ", " and ": "; ensure_ascii escapes the non-ASCII name
     *   sign = hashlib.md5((body + key).encode()).hexdigest().upper()
     */
    private static final String PAYMENT_BODY = "{\"status\": \"1\", \"notify_type\": \"payment\", \"pay_type\": \"801101\", "
            + "\"syssn\": \"20260101000300020087033882\", \"out_trade_no\": \"ORDER-1001\", \"txamt\": \"300\", "
            + "\"txcurrcd\": \"HKD\", \"txdtm\": \"2026-01-01 10:30:34\", \"sysdtm\": \"2026-01-01 10:30:35\", "
            + "\"paydtm\": \"2026-01-01 10:31:02\", \"cancel\": \"0\", \"respcd\": \"0000\", "
            + "\"goods_name\": \"\\u7da0\\u8336\", \"goods_info\": \"green tea 100g\", "
            + "\"chnlsn\": \"2026010122001396541234567890\", \"chnlsn2\": \"\", \"cardcd\": \"2088102122524333\", "
            + "\"exchange_rate\": \"0.9215\", \"cash_fee\": \"276\", \"cash_fee_type\": \"CNY\", "
            + "\"cash_refund_fee\": \"\", \"cash_refund_fee_type\": \"\"}";
    private static final String PAYMENT_SIGN = "68BB9D9C4E6C47E97E00620F9F49427F";

    /*
     * Same recipe, for an agent's refund:
     *   data = {"status": "1", "notify_type": "refund", "pay_type": "801101",
     *           "syssn": "20260102000300020087034001", "out_trade_no": "REFUND-1001-1", "txamt": "100",
     *           "txcurrcd": "HKD", "txdtm": "2026-01-02 09:00:00", "sysdtm": "2026-01-02 09:00:01",
     *           "paydtm": "2026-01-02 09:00:03", "cancel": "0", "respcd": "0000", "mchid": "ZaMVg12345",
     *           "origssn": "20260101000300020087033882"}
     */
    private static final String REFUND_BODY = "{\"status\": \"1\", \"notify_type\": \"refund\", \"pay_type\": \"801101\", "
            + "\"syssn\": \"20260102000300020087034001\", \"out_trade_no\": \"REFUND-1001-1\", \"txamt\": \"100\", "
            + "\"txcurrcd\": \"HKD\", \"txdtm\": \"2026-01-02 09:00:00\", \"sysdtm\": \"2026-01-02 09:00:01\", "
            + "\"paydtm\": \"2026-01-02 09:00:03\", \"cancel\": \"0\", \"respcd\": \"0000\", \"mchid\": \"ZaMVg12345\", "
            + "\"origssn\": \"20260101000300020087033882\"}";
    private static final String REFUND_SIGN = "8B5691BA36A997FC310B91BC69D9D1A3";

    /*
     * A refund notice as the gateway writes it (QFPay's documented field order, then the refund's
     * cash_refund_fee, cash_refund_fee_type and origssn), body and sign made by python3:
     *   data = {"status": "1", "pay_type": "801101", "sysdtm": "2026-11-27 10:00:00",
     *           "paydtm": "2026-11-27 11:00:02", "goods_name": "港式奶茶 🍵", "txcurrcd": "HKD",
     *           "txdtm": "2026-11-27 11:00:00", "mchid": "ZaMVg12345", "txamt": "100", "exchange_rate": "0.9150",
     *           "chnlsn2": "", "out_trade_no": "REFUND-1001-2", "syssn": "20261127000300020087034002",
     *           "cash_fee_type": "", "cancel": "0", "respcd": "0000", "goods_info": "", "cash_fee": "0",
     *           "notify_type": "refund", "chnlsn": "2026112722001400000000000009", "cardcd": "2088000000000001",
     *           "cash_refund_fee": "92", "cash_refund_fee_type": "CNY", "origssn": "20261127000300020087033999"}
     *   body = json.dumps(data)   # the emoji becomes a surrogate pair of escapes
     *   sign = hashlib.md5((body + key).encode()).hexdigest().upper()
     */
    private static final String DOCUMENTED_ORDER_REFUND_BODY = "{\"status\": \"1\", \"pay_type\": \"801101\", "
            + "\"sysdtm\": \"2026-11-27 10:00:00\", \"paydtm\": \"2026-11-27 11:00:02\", "
            + "\"goods_name\": \"\\u6e2f\\u5f0f\\u5976\\u8336 \\ud83c\\udf75\", \"txcurrcd\": \"HKD\", "
            + "\"txdtm\": \"2026-11-27 11:00:00\", \"mchid\": \"ZaMVg12345\", \"txamt\": \"100\", "
            + "\"exchange_rate\": \"0.9150\", \"chnlsn2\": \"\", \"out_trade_no\": \"REFUND-1001-2\", "
            + "\"syssn\": \"20261127000300020087034002\", \"cash_fee_type\": \"\", \"cancel\": \"0\", "
            + "\"respcd\": \"0000\", \"goods_info\": \"\", \"cash_fee\": \"0\", \"notify_type\": \"refund\", "
            + "\"chnlsn\": \"2026112722001400000000000009\", \"cardcd\": \"2088000000000001\", "
            + "\"cash_refund_fee\": \"92\", \"cash_refund_fee_type\": \"CNY\", "
            + "\"origssn\": \"20261127000300020087033999\"}";
    private static final String DOCUMENTED_ORDER_REFUND_SIGN = "DA77511EC3C205ADDB7AF57344D8D2B1";

    private final NotificationVerifier verifier = new NotificationVerifier(CLIENT_KEY);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodySignedLikeTheDocsPythonSampleIsAcceptedAndParsed() {
        Notification n = verifier.verify(utf8(PAYMENT_BODY), PAYMENT_SIGN);

        assertThat(n.isPayment()).isTrue();
        assertThat(n.isRefund()).isFalse();
        assertThat(n.status()).isEqualTo("1");
        assertThat(n.respcd()).isEqualTo("0000");
        assertThat(n.syssn()).isEqualTo("20260101000300020087033882");
        assertThat(n.outTradeNo()).isEqualTo("ORDER-1001");
        assertThat(n.txamt()).isEqualTo("300");
        assertThat(n.txcurrcd()).isEqualTo("HKD");
        assertThat(n.paydtm()).isEqualTo("2026-01-01 10:31:02");
        assertThat(n.goodsName()).isEqualTo("綠茶"); // json.dumps escaped it; the JSON escapes are decoded
        assertThat(n.chnlsn2()).isEmpty();
        assertThat(n.exchangeRate()).isEqualTo("0.9215");
        assertThat(n.cashFee()).isEqualTo("276");
        assertThat(n.cashFeeType()).isEqualTo("CNY");
        assertThat(n.mchid()).isNull();
        assertThat(n.origssn()).isNull();
        assertThat(n.raw()).hasSize(22).containsEntry("cardcd", "2088102122524333");
    }

    @Test
    void refundWithLowerCaseSignatureIsAccepted() {
        Notification n = verifier.verify(utf8(REFUND_BODY), REFUND_SIGN.toLowerCase());

        assertThat(n.isRefund()).isTrue();
        assertThat(n.isPayment()).isFalse();
        assertThat(n.origssn()).isEqualTo("20260101000300020087033882");
        assertThat(n.mchid()).isEqualTo("ZaMVg12345");
        assertThat(n.txamt()).isEqualTo("100");
    }

    @Test
    void refundNoticeInTheDocumentedOrderWithAnEmojiIsAcceptedAndDecoded() {
        Notification n = verifier.verify(utf8(DOCUMENTED_ORDER_REFUND_BODY), DOCUMENTED_ORDER_REFUND_SIGN);

        assertThat(n.isRefund()).isTrue();
        assertThat(n.goodsName()).isEqualTo("港式奶茶 🍵"); // the surrogate-pair escapes decode to the emoji
        assertThat(n.syssn()).isEqualTo("20261127000300020087034002");
        assertThat(n.origssn()).isEqualTo("20261127000300020087033999");
        assertThat(n.mchid()).isEqualTo("ZaMVg12345");
        assertThat(n.cashFee()).isEqualTo("0");
        assertThat(n.cashRefundFee()).isEqualTo("92");
        assertThat(n.cashRefundFeeType()).isEqualTo("CNY");
        assertThat(n.raw()).hasSize(24);
    }

    @Test
    void tamperedBodyIsRefused() {
        byte[] tampered = utf8(PAYMENT_BODY.replace("\"txamt\": \"300\"", "\"txamt\": \"30000\""));

        assertThatThrownBy(() -> verifier.verify(tampered, PAYMENT_SIGN))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.httpStatus()).isZero();
                });
    }

    @Test
    void bodyReSerialisedWithOtherSpacingIsRefused() {
        // Verification is over the raw bytes: a framework that parses and re-writes the JSON breaks it.
        byte[] compact = utf8(PAYMENT_BODY.replace("\": \"", "\":\"").replace("\", \"", "\",\""));

        assertThatThrownBy(() -> verifier.verify(compact, PAYMENT_SIGN))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void wrongKeyIsRefused() {
        NotificationVerifier otherApp = new NotificationVerifier("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");

        assertThatThrownBy(() -> otherApp.verify(utf8(PAYMENT_BODY), PAYMENT_SIGN))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("does not match");
                });
    }

    @Test
    void missingSignatureIsRefused() {
        assertThatThrownBy(() -> verifier.verify(utf8(PAYMENT_BODY), null))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("no X-QF-SIGN");
                });
    }

    @Test
    void signedBodyThatIsNotAFlatJsonObjectIsABadResponse() {
        String notJson = "status=1&txamt=300";
        String duplicated = "{\"txamt\": \"1\", \"txamt\": \"30000\"}"; // read one way here, another way elsewhere

        for (String body : new String[] {notJson, duplicated}) {
            String sign = FakeGateway.bodySign(body, CLIENT_KEY, "MD5");
            assertThatThrownBy(() -> verifier.verify(utf8(body), sign))
                    .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
        }
    }

    @Test
    void signedQueryAnswerReplayedAsANotificationIsRefused() {
        // The gateway signs its answers with the same key and recipe (hash of body bytes + key).
        String queryAnswer = "{\"respcd\": \"0000\", \"resperr\": \"success\", \"respmsg\": \"\", \"page\": \"1\", "
                + "\"data\": [{\"syssn\": \"20260101000300020087033882\", \"out_trade_no\": \"ORDER-1001\", "
                + "\"respcd\": \"0000\", \"txamt\": \"300\", \"txcurrcd\": \"HKD\", \"cancel\": \"0\"}]}";
        String sign = FakeGateway.bodySign(queryAnswer, CLIENT_KEY, "MD5");

        assertThatThrownBy(() -> verifier.verify(utf8(queryAnswer), sign))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("not a notification", "notify_type is missing");
                });
    }

    @Test
    void signedPaymentAnswerReplayedAsANotificationIsRefused() {
        // A flat answer with the fields a notification has, except notify_type.
        String paymentAnswer = PAYMENT_BODY.replace("\"notify_type\": \"payment\", ", "");
        String sign = FakeGateway.bodySign(paymentAnswer, CLIENT_KEY, "MD5");

        assertThatThrownBy(() -> verifier.verify(utf8(paymentAnswer), sign))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void otherNotifyTypesAreRefused() {
        for (String type : new String[] {"", "PAYMENT", "close", "query"}) {
            String body = PAYMENT_BODY.replace("\"notify_type\": \"payment\"", "\"notify_type\": \"" + type + "\"");
            String sign = FakeGateway.bodySign(body, CLIENT_KEY, "MD5");
            assertThatThrownBy(() -> verifier.verify(utf8(body), sign)).as(type)
                    .isInstanceOfSatisfying(QfPayException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                        assertThat(e.getMessage()).contains("must be payment or refund");
                    });
        }
    }

    @Test
    void blankClientKeyIsRejectedUpFront() {
        assertThatThrownBy(() -> new NotificationVerifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
