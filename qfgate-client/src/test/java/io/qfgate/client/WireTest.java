package io.qfgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The response records are filled by name ({@code outTradeNo} ← {@code out_trade_no}); a
 * component whose name drifted from the wire would silently stay null. So each record is checked
 * against the field lists of docs/api.md, written out here rather than derived from the record.
 */
class WireTest {

    @Test
    void paymentResponseNamesEveryFieldOfSpec3() {
        assertNamesExactly(PaymentResponse.class, "respcd", "resperr", "respmsg", "syssn", "out_trade_no", "pay_type",
                "txamt", "txcurrcd", "txdtm", "sysdtm", "paydtm", "udid", "cardcd", "chnlsn", "pay_url");
    }

    @Test
    void refundResponseNamesEveryFieldOfSpec4() {
        assertNamesExactly(RefundResponse.class, "respcd", "resperr", "respmsg", "syssn", "orig_syssn", "out_trade_no",
                "txamt", "txcurrcd", "sysdtm", "txdtm", "paydtm", "udid", "chnlsn", "cardcd", "cash_fee",
                "cash_fee_type", "cash_refund_fee", "cash_refund_fee_type");
    }

    @Test
    void cancelResponseNamesEveryFieldOfSpec4() {
        assertNamesExactly(CancelResponse.class, "orig_syssn", "syssn", "out_trade_no", "txamt", "txcurrcd", "txdtm",
                "sysdtm", "chnlsn", "respcd", "resperr", "respmsg");
    }

    @Test
    void transactionRecordNamesEveryFieldOfAQueryRow() {
        assertNamesExactly(TransactionRecord.class, "syssn", "out_trade_no", "chnlsn", "goods_name", "goods_info",
                "txcurrcd", "pay_type", "order_type", "txdtm", "txamt", "sysdtm", "paydtm", "udid", "cancel", "respcd",
                "errmsg", "origssn", "exchange_rate", "cash_fee", "cash_fee_type", "cash_refund_fee",
                "cash_refund_fee_type", "note");
    }

    @Test
    void notificationNamesEveryFieldOfSpec6() {
        assertNamesExactly(Notification.class, "status", "notify_type", "pay_type", "syssn", "out_trade_no", "txamt",
                "txcurrcd", "txdtm", "sysdtm", "paydtm", "cancel", "respcd", "goods_name", "goods_info", "chnlsn",
                "chnlsn2", "cardcd", "exchange_rate", "cash_fee", "cash_fee_type", "cash_refund_fee",
                "cash_refund_fee_type", "mchid", "origssn");
    }

    @Test
    void absentFieldsAreNullAndRawKeepsEverything() {
        Map<String, String> wire = Map.of("respcd", "0000", "unknown_field", "x");

        CancelResponse r = Wire.toRecord(CancelResponse.class, wire);

        assertThat(r.respcd()).isEqualTo("0000");
        assertThat(r.origSyssn()).isNull();
        assertThat(r.raw()).isEqualTo(wire);
    }

    /** Each documented field lands in a component of its own, and every component is a documented field. */
    private static void assertNamesExactly(Class<? extends Record> type, String... wireFields) {
        Map<String, String> wire = new LinkedHashMap<>();
        for (String f : wireFields) {
            wire.put(f, "value of " + f);
        }
        Record r = Wire.toRecord(type, wire);

        Map<String, Object> byComponent = Arrays.stream(type.getRecordComponents())
                .filter(c -> !c.getName().equals("raw"))
                .collect(Collectors.toMap(RecordComponent::getName, c -> value(c, r)));
        assertThat(byComponent.values()).as(type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(wire.values());
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
