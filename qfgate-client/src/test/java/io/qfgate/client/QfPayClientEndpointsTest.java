package io.qfgate.client;

import static io.qfgate.client.FakeGateway.APP_CODE;
import static io.qfgate.client.FakeGateway.CLIENT_KEY;
import static io.qfgate.client.FakeGateway.ok;
import static io.qfgate.client.FakeGateway.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.client.FakeGateway.Received;
import io.qfgate.client.FakeGateway.Reply;
import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.SignType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** query, refund, reversal/close, add_note, trade_bill and the polling helper, against the fake gateway. */
class QfPayClientEndpointsTest {
    private static final LocalDateTime TXDTM = LocalDateTime.of(2026, 1, 2, 9, 0, 0);
    private static final String PAYMENT_SYSSN = "20260101000300020087033882";

    private FakeGateway gateway;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    /** The client's clock; the recording sleeper moves it on, so polling deadlines pass without real waiting. */
    private Instant now = Instant.parse("2026-01-02T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private QfPayClient.Builder clientBuilder() {
        return gateway.clientBuilder(d -> {
            sleeps.add(d);
            now = now.plus(d);
        }).clock(clock);
    }

    private QfPayClient client() {
        return clientBuilder().build();
    }

    private Received onlyRequest() {
        assertThat(gateway.received).hasSize(1);
        return gateway.received.getFirst();
    }

    /** A signed answer: respcd 0000 plus the given fields. */
    private static Map<String, Object> success(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("respcd", "0000");
        body.put("resperr", "success");
        body.put("respmsg", "");
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> refusal(String respcd, String resperr) {
        return Map.of("respcd", respcd, "resperr", resperr, "respmsg", "");
    }

    private static Map<String, String> transaction(String syssn, String respcd) {
        return Map.of("syssn", syssn, "order_type", "payment", "txamt", "300", "respcd", respcd);
    }

    private static Map<String, Object> page(List<Map<String, String>> data) {
        return success("page", "1", "page_size", "10", "data", data);
    }

    // --- query ------------------------------------------------------------------------------

    @Test
    void queryParametersAreSentInTheirWireFormat() {
        gateway.answer(r -> ok(r, page(List.of())));

        client().query(QueryRequest.builder()
                .syssn("20260101000300020087033882", "20260101000300020087033883")
                .outTradeNo(List.of("ORDER-1", "ORDER-2"))
                .payType(PayType.ALIPAY_ONLINE_WEB).payType("801107")
                .respcd(Respcd.SUCCESS)
                .startTime(LocalDateTime.of(2026, 1, 1, 0, 0, 0))
                .endTime(LocalDateTime.of(2026, 1, 31, 23, 59, 59))
                .page(2).pageSize(50).mchid("ZaMVg12345")
                .build());

        Received req = onlyRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/trade/v1/query");
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "syssn", "20260101000300020087033882,20260101000300020087033883",
                "out_trade_no", "ORDER-1,ORDER-2",
                "pay_type", "801101,801107",
                "respcd", "0000",
                "start_time", "2026-01-01 00:00:00",
                "end_time", "2026-01-31 23:59:59",
                "page", "2",
                "page_size", "50",
                "mchid", "ZaMVg12345"));
    }

    @Test
    void queryWithoutParametersSendsAnEmptySignedForm() {
        gateway.answer(r -> ok(r, page(List.of())));

        QueryResponse r = client().query(QueryRequest.builder().build());

        assertThat(onlyRequest().params()).isEmpty();
        assertThat(onlyRequest().signatureValid()).isTrue(); // hash of the key alone, as the docs' sample computes it
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.data()).isEmpty();
    }

    @Test
    void queryAnswerIsParsedIntoTransactionRecords() {
        Map<String, String> payment = new LinkedHashMap<>();
        payment.put("syssn", PAYMENT_SYSSN);
        payment.put("out_trade_no", "ORDER-1");
        payment.put("order_type", "payment");
        payment.put("pay_type", "801101");
        payment.put("txamt", "300");
        payment.put("txcurrcd", "HKD");
        payment.put("cancel", "5");
        payment.put("respcd", "0000");
        payment.put("errmsg", "success");
        payment.put("goods_name", "綠茶");
        payment.put("note", "gift wrap");
        payment.put("cash_fee", "276");
        payment.put("future_field", "kept in raw");
        Map<String, String> refund = Map.of("syssn", "20260102000300020087034001", "order_type", "refund",
                "origssn", PAYMENT_SYSSN, "txamt", "100", "respcd", "0000");
        gateway.answer(r -> ok(r, success("page", "1", "page_size", "10", "data", List.of(payment, refund))));

        QueryResponse r = client().query(QueryRequest.builder().outTradeNo("ORDER-1").build());

        assertThat(r.isSuccess()).isTrue();
        assertThat(r.page()).isEqualTo("1");
        assertThat(r.pageSize()).isEqualTo("10");
        assertThat(r.raw().get("data")).startsWith("[{"); // nested values stay JSON text in raw
        assertThat(r.data()).hasSize(2);
        TransactionRecord p = r.data().get(0);
        assertThat(p.syssn()).isEqualTo(PAYMENT_SYSSN);
        assertThat(p.outTradeNo()).isEqualTo("ORDER-1");
        assertThat(p.orderType()).isEqualTo("payment");
        assertThat(p.cancel()).isEqualTo("5");
        assertThat(p.goodsName()).isEqualTo("綠茶");
        assertThat(p.note()).isEqualTo("gift wrap");
        assertThat(p.cashFee()).isEqualTo("276");
        assertThat(p.origssn()).isNull();
        assertThat(p.isSuccess()).isTrue();
        assertThat(p.isPending()).isFalse();
        assertThat(p.raw()).containsEntry("future_field", "kept in raw");
        TransactionRecord f = r.data().get(1);
        assertThat(f.orderType()).isEqualTo("refund");
        assertThat(f.origssn()).isEqualTo(PAYMENT_SYSSN);
    }

    @Test
    void refusedQueryIsReturnedWithoutData() {
        gateway.answer(r -> ok(r, refusal("1104", "start_time/end_time: more than one month apart")));

        QueryResponse r = client().query(QueryRequest.builder().build());

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.resperr()).contains("start_time");
        assertThat(r.data()).isEmpty();
    }

    @Test
    void signedQueryAnswerWithMisshapenDataIsABadResponse() {
        for (Object data : List.of("not a list", List.of("not an object"), Map.of("syssn", "1"))) {
            gateway.answer(r -> ok(r, success("data", data)));

            assertThatThrownBy(() -> client().query(QueryRequest.builder().build()))
                    .isInstanceOfSatisfying(QfPayException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                        assertThat(e.getMessage()).contains("data");
                    });
        }
    }

    @Test
    void listValueContainingACommaIsRefusedBeforeSending() {
        assertThatThrownBy(() -> QueryRequest.builder().outTradeNo("A,B").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outTradeNo");
    }

    // --- refund -----------------------------------------------------------------------------

    @Test
    void refundSendsItsParametersAndParsesTheRefundTransaction() {
        gateway.answer(r -> ok(r, success(
                "syssn", "20260102000300020087034001", "orig_syssn", r.params().get("syssn"),
                "out_trade_no", r.params().get("out_trade_no"), "txamt", r.params().get("txamt"), "txcurrcd", "HKD",
                "sysdtm", "2026-01-02 09:00:01", "txdtm", r.params().get("txdtm"), "paydtm", "2026-01-02 09:00:03",
                "udid", "till-2", "chnlsn", "2026010222001396541234567891", "cardcd", "2088102122524333",
                "cash_fee", "276", "cash_fee_type", "CNY", "cash_refund_fee", "92", "cash_refund_fee_type", "CNY")));

        RefundResponse r = client().refund(RefundRequest.builder()
                .syssn(PAYMENT_SYSSN).outTradeNo("REFUND-1-1").txamt(100).txdtm(TXDTM)
                .mchid("ZaMVg12345").udid("till-2")
                .build());

        Received req = onlyRequest();
        assertThat(req.path()).isEqualTo("/trade/v1/refund");
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "syssn", PAYMENT_SYSSN, "out_trade_no", "REFUND-1-1", "txamt", "100",
                "txdtm", "2026-01-02 09:00:00", "mchid", "ZaMVg12345", "udid", "till-2"));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.syssn()).isEqualTo("20260102000300020087034001");
        assertThat(r.origSyssn()).isEqualTo(PAYMENT_SYSSN);
        assertThat(r.outTradeNo()).isEqualTo("REFUND-1-1");
        assertThat(r.txamt()).isEqualTo("100");
        assertThat(r.cashRefundFee()).isEqualTo("92");
        assertThat(r.cashRefundFeeType()).isEqualTo("CNY");
        assertThat(r.raw()).hasSize(18);
    }

    @Test
    void refundOverTheRefundableAmountIsARefusalNotAnException() {
        gateway.answer(r -> ok(r, refusal("1272", "txamt: 400 exceeds the refundable 300")));

        RefundResponse r = client().refund(RefundRequest.builder()
                .syssn(PAYMENT_SYSSN).outTradeNo("REFUND-1-2").txamt(400).txdtm(TXDTM).build());

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.respcd()).isEqualTo("1272");
        assertThat(r.syssn()).isNull();
        assertThat(onlyRequest().params()).containsOnlyKeys("syssn", "out_trade_no", "txamt", "txdtm");
    }

    // --- reversal / close -------------------------------------------------------------------

    @Test
    void reversalAndCloseGoToTheirOwnPathsWithTheSameShape() {
        gateway.answer(r -> ok(r, success("orig_syssn", PAYMENT_SYSSN, "syssn", "20260102000300020087034002",
                "out_trade_no", "ORDER-1", "txamt", "300", "txcurrcd", "HKD", "txdtm", "2026-01-02 09:00:00",
                "sysdtm", "2026-01-02 09:00:01", "chnlsn", "")));
        CancelRequest byOrderNumber = CancelRequest.builder().outTradeNo("ORDER-1").txamt(300).txdtm(TXDTM).build();

        CancelResponse reversed = client().reversal(byOrderNumber);
        CancelResponse closed = client().close(byOrderNumber);

        assertThat(gateway.received).extracting(Received::path).containsExactly("/trade/v1/reversal", "/trade/v1/close");
        assertThat(gateway.received).allSatisfy(req -> {
            assertThat(req.method()).isEqualTo("POST");
            assertThat(req.signatureValid()).isTrue();
            assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "out_trade_no", "ORDER-1", "txamt", "300", "txdtm", "2026-01-02 09:00:00"));
        });
        for (CancelResponse r : List.of(reversed, closed)) {
            assertThat(r.isSuccess()).isTrue();
            assertThat(r.origSyssn()).isEqualTo(PAYMENT_SYSSN);
            assertThat(r.syssn()).isEqualTo("20260102000300020087034002");
            assertThat(r.sysdtm()).isEqualTo("2026-01-02 09:00:01");
            assertThat(r.chnlsn()).isEmpty();
        }
    }

    @Test
    void cancelBySyssnSendsTheAgentsFields() {
        gateway.answer(r -> ok(r, refusal("1260", "syssn: the order is already paid; refund it")));

        CancelResponse r = client().close(CancelRequest.builder()
                .syssn(PAYMENT_SYSSN).txamt(300).txdtm(TXDTM).mchid("ZaMVg12345").udid("till-2").build());

        assertThat(onlyRequest().params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "syssn", PAYMENT_SYSSN, "txamt", "300", "txdtm", "2026-01-02 09:00:00",
                "mchid", "ZaMVg12345", "udid", "till-2"));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.respcd()).isEqualTo("1260");
    }

    @Test
    void cancelRequestMustNameTheOrder() {
        assertThatThrownBy(() -> CancelRequest.builder().txamt(300).txdtm(TXDTM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syssn or outTradeNo");
    }

    // --- add_note ---------------------------------------------------------------------------

    @Test
    void addNoteSendsTheAppCodeAndReadsTheSyssnFromData() {
        gateway.answer(r -> ok(r, success("data", Map.of("syssn", r.params().get("syssn")))));

        AddNoteResponse r = client().addNote(PAYMENT_SYSSN, "gift wrap, 禮物包裝");

        Received req = onlyRequest();
        assertThat(req.path()).isEqualTo("/trade/v1/add_note");
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "code", APP_CODE, "syssn", PAYMENT_SYSSN, "note", "gift wrap, 禮物包裝"));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.syssn()).isEqualTo(PAYMENT_SYSSN);
    }

    @Test
    void refusedNoteHasNoSyssn() {
        gateway.answer(r -> ok(r, refusal("1104", "note: longer than 200 characters")));

        AddNoteResponse r = client().addNote(PAYMENT_SYSSN, "x".repeat(201));

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.resperr()).startsWith("note:");
        assertThat(r.syssn()).isNull();
    }

    // --- trade_bill -------------------------------------------------------------------------

    private static byte[] statementZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("trade_bill_2026-01-01.csv"));
            zip.write("syssn,out_trade_no,txamt\n20260101000300020087033882,ORDER-1,300\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void tradeBillIsASignedGetAndReturnsTheVerifiedZip() throws IOException {
        byte[] statement = statementZip();
        gateway.answer(r -> r.signatureValid() ? zip(r, statement) : ok(r, Map.of()));

        byte[] bill = client().tradeBill(LocalDate.of(2026, 1, 1));

        Received req = onlyRequest();
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.path()).isEqualTo("/download/v1/trade_bill");
        assertThat(req.rawBody()).isEmpty();
        assertThat(req.header("X-QF-APPCODE")).isEqualTo(APP_CODE);
        assertThat(req.header("X-QF-SIGNTYPE")).isEqualTo("MD5");
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of("trade_date", "2026-01-01"));
        assertThat(req.signatureValid()).isTrue();
        assertThat(bill).isEqualTo(statement);
        try (ZipInputStream unzip = new ZipInputStream(new ByteArrayInputStream(bill))) {
            assertThat(unzip.getNextEntry().getName()).isEqualTo("trade_bill_2026-01-01.csv");
        }
    }

    @Test
    void tradeBillOfASubMerchantSignsTheMchidToo() throws IOException {
        byte[] statement = statementZip();
        gateway.answer(r -> r.signatureValid() ? zip(r, statement) : ok(r, Map.of()));

        byte[] bill = clientBuilder().signType(SignType.SHA256).build().tradeBill(LocalDate.of(2026, 1, 1), "ZaMVg12345");

        Received req = onlyRequest();
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of("trade_date", "2026-01-01", "mchid", "ZaMVg12345"));
        assertThat(req.header("X-QF-SIGNTYPE")).isEqualTo("SHA256");
        assertThat(req.signatureValid()).isTrue();
        assertThat(bill).isEqualTo(statement);
    }

    @Test
    void statementLargerThanTheJsonAnswerLimitIsAccepted() {
        byte[] big = new byte[3 << 20]; // the 1 MiB bound is for JSON answers only
        new Random(7).nextBytes(big);
        big[0] = 'P';
        big[1] = 'K';
        gateway.answer(r -> zip(r, big));

        assertThat(client().tradeBill(LocalDate.of(2026, 1, 1))).isEqualTo(big);
    }

    @Test
    void statementWhoseSignatureDoesNotMatchIsRejected() throws IOException {
        byte[] statement = statementZip();
        gateway.answer(r -> {
            byte[] altered = statement.clone();
            altered[altered.length - 30] ^= 1;
            Reply genuine = zip(r, statement);
            return new Reply(200, altered, genuine.headers());
        });

        assertThatThrownBy(() -> client().tradeBill(LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("does not match");
                });
    }

    @Test
    void unsignedStatementIsRejected() throws IOException {
        byte[] statement = statementZip();
        gateway.answer(r -> new Reply(200, statement, Map.of("Content-Type", "application/zip")));

        assertThatThrownBy(() -> client().tradeBill(LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void refusedStatementThrowsRefusedWithTheGatewaysReason() {
        gateway.answer(r -> ok(r, refusal("1104", "trade_date: no statement before the merchant was created")));

        assertThatThrownBy(() -> client().tradeBill(LocalDate.of(2020, 1, 1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.respcd()).isEqualTo("1104");
                    assertThat(e.resperr()).startsWith("trade_date:");
                });
    }

    @Test
    void statementRequestWithAWrongKeyIsRefusedWith1108() {
        gateway.answer(r -> r.signatureValid() ? zip(r, new byte[] {'P', 'K'}) : ok(r, Map.of()));

        assertThatThrownBy(() -> clientBuilder().clientKey("11111111111111111111111111111111").build()
                .tradeBill(LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.respcd()).isEqualTo("1108");
                });
    }

    @Test
    void forgedRefusalOfTheStatementIsABadSignature() {
        gateway.answer(r -> FakeGateway.withHeaders(FakeGateway.unsigned(200, FakeGateway.json(refusal("1104", "no"))),
                Map.of("X-QF-SIGN", FakeGateway.bodySign("{}", CLIENT_KEY, "MD5"))));

        assertThatThrownBy(() -> client().tradeBill(LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    // --- awaitResult ------------------------------------------------------------------------

    /** Answers the queries in turn; the last answer repeats. */
    private void queryAnswers(List<List<Map<String, String>>> pages) {
        Deque<List<Map<String, String>>> left = new ArrayDeque<>(pages);
        gateway.answer(r -> ok(r, page(left.size() > 1 ? left.poll() : left.peek())));
    }

    @Test
    void awaitResultPollsUntilTheTransactionLeavesThePendingStates() {
        queryAnswers(List.of(
                List.of(transaction(PAYMENT_SYSSN, "1143")),
                List.of(transaction(PAYMENT_SYSSN, "1145")),
                List.of(transaction(PAYMENT_SYSSN, "0000"))));

        TransactionRecord t = client().awaitResult(PAYMENT_SYSSN, Duration.ofMinutes(1), Duration.ofSeconds(2));

        assertThat(t.respcd()).isEqualTo("0000");
        assertThat(t.isSuccess()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(gateway.received).hasSize(3).allSatisfy(req -> {
            assertThat(req.path()).isEqualTo("/trade/v1/query");
            assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of("syssn", PAYMENT_SYSSN));
            assertThat(req.signatureValid()).isTrue();
        });
    }

    @Test
    void awaitResultReturnsTheLastPendingStateOnceTheTimeoutHasPassed() {
        queryAnswers(List.of(List.of(transaction(PAYMENT_SYSSN, "1143"))));

        TransactionRecord t = client().awaitResult(PAYMENT_SYSSN, Duration.ofSeconds(5), Duration.ofSeconds(2));

        assertThat(t.respcd()).isEqualTo("1143");
        assertThat(t.isPending()).isTrue();
        // 0 s, 2 s, 4 s, and one last look right at the deadline.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(gateway.received).hasSize(4);
    }

    @Test
    void awaitResultKeepsPollingWhileTheTransactionIsNotListedYet() {
        queryAnswers(List.of(
                List.of(),
                List.of(transaction("20260101000300020087033999", "0000")), // someone else's: not ours
                List.of(transaction(PAYMENT_SYSSN, "1181"))));

        TransactionRecord t = client().awaitResult(PAYMENT_SYSSN, Duration.ofMinutes(1), Duration.ofSeconds(1));

        assertThat(t.respcd()).isEqualTo("1181"); // expired: settled, though not a success
        assertThat(gateway.received).hasSize(3);
    }

    @Test
    void awaitResultOfATransactionNeverListedIsNotFound() {
        queryAnswers(List.of(List.of()));

        assertThatThrownBy(() -> client().awaitResult(PAYMENT_SYSSN, Duration.ofSeconds(3), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains(PAYMENT_SYSSN);
                });
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void awaitResultForASubMerchantSendsTheMchidAndARefusalThrows() {
        gateway.answer(r -> ok(r, refusal("1104", "mchid: not a sub-merchant of this agent")));

        assertThatThrownBy(() -> client().awaitResult(PAYMENT_SYSSN, Duration.ofMinutes(1), Duration.ofSeconds(1), "nobody"))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.respcd()).isEqualTo("1104");
                    assertThat(e.resperr()).startsWith("mchid:");
                });
        assertThat(onlyRequest().params()).containsExactlyInAnyOrderEntriesOf(Map.of("syssn", PAYMENT_SYSSN, "mchid", "nobody"));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void awaitResultRejectsANonPositiveInterval() {
        assertThatThrownBy(() -> client().awaitResult(PAYMENT_SYSSN, Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }
}
