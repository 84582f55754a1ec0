package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Respcd;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customs declarations of Alipay payments: which payments may be declared and for how much, one
 * declaration per payment and sub-order, sent through the {@link CustomsChannel} and followed
 * until customs has decided.
 */
public final class CustomsService {
    private static final Logger log = LoggerFactory.getLogger(CustomsService.class);

    private final Merchants merchants;
    private final Stores.Transactions transactions;
    private final CustomsDeclarations declarations;
    private final CustomsChannel channel;
    private final Clock clock;
    private final ZoneOffset gatewayZone;

    public CustomsService(Merchants merchants, Stores.Transactions transactions, CustomsDeclarations declarations,
            CustomsChannel channel, Clock clock, ZoneOffset gatewayZone) {
        this.merchants = merchants;
        this.transactions = transactions;
        this.declarations = declarations;
        this.channel = channel;
        this.clock = clock;
        this.gatewayZone = gatewayZone;
    }

    /**
     * Declares a successful, unrefunded Alipay payment (or one sub-order of it). Repeating the
     * same request answers the declaration as it stands; declaring the same payment and
     * sub-order otherwise, or reusing an {@code out_request_no}, is a duplicate (1102).
     */
    public CustomsDeclaration declare(App app, NewDeclaration request) {
        Transaction payment = payment(app, request.mchid(), request.syssn());
        requireDeclarable(payment, request);
        var existing = declarations.byPayment(payment.syssn(), request.subOrderNo());
        if (existing.isPresent()) {
            return replay(existing.get(), request);
        }
        CustomsDeclaration fresh = CustomsDeclaration.fresh(app.id(), request, now());
        switch (declarations.insert(fresh)) {
            case INSERTED -> { }
            case ORDER_ALREADY_DECLARED -> {
                // A concurrent request stored first; answer as its replay.
                return replay(declarations.byPayment(payment.syssn(), request.subOrderNo()).orElseThrow(), request);
            }
            case OUT_REQUEST_NO_TAKEN -> throw new Refusal(Respcd.DUPLICATE_REQUEST, "out_request_no: "
                    + request.outRequestNo() + " is already used by another declaration of this app");
        }
        return push(payment, fresh);
    }

    /**
     * The payment's declarations to {@code customs} (the one of the sub-order, if named), each as
     * the channel now reports it when it was still pending.
     */
    public List<CustomsDeclaration> query(App app, CustomsLookup lookup) {
        Transaction payment = payment(app, lookup.mchid(), lookup.syssn());
        List<CustomsDeclaration> found = declarations.ofPayment(payment.syssn()).stream()
                .filter(d -> d.customs().equals(lookup.customs()))
                .filter(d -> lookup.subOrderNo() == null || lookup.subOrderNo().equals(d.subOrderNo()))
                .toList();
        if (found.isEmpty()) {
            throw notDeclared(lookup);
        }
        return found.stream().map(d -> d.state() == CustomsState.PENDING ? refresh(payment, d) : d).toList();
    }

    /**
     * Pushes a declaration to customs again (one lost at the electronic port, or rejected and
     * since put right at customs). The merchant's customs number must be the declared one.
     */
    public CustomsDeclaration redeclare(App app, CustomsLookup lookup, String merchantCustomsNo) {
        Transaction payment = payment(app, lookup.mchid(), lookup.syssn());
        CustomsDeclaration declared = declarations.byPayment(payment.syssn(), lookup.subOrderNo())
                .filter(d -> d.customs().equals(lookup.customs()))
                .orElseThrow(() -> notDeclared(lookup));
        if (!declared.merchantCustomsNo().equals(merchantCustomsNo)) {
            throw new Refusal(Respcd.ORDER_MISMATCH, "mch_customs_no: " + merchantCustomsNo
                    + " is not the customs number this payment was declared with");
        }
        return push(payment, declared);
    }

    /** The app's own payment with this syssn: others' payments and unknown numbers are alike not found. */
    private Transaction payment(App app, String mchid, String syssn) {
        Merchant merchant = merchants.resolve(app, mchid);
        Transaction t = transactions.bySyssn(syssn)
                .filter(p -> p.merchantId() == merchant.id() && p.appId() == app.id())
                .orElseThrow(() -> new Refusal(Respcd.ORDER_NOT_FOUND, "syssn: no payment " + syssn + " for this merchant"));
        if (t.isRefund()) {
            throw new Refusal(Respcd.TRANSACTION_NOT_OPERABLE, "syssn: " + syssn
                    + " is a refund; declare the payment it refunds (" + t.origSyssn() + ")");
        }
        return t;
    }

    private void requireDeclarable(Transaction payment, NewDeclaration request) {
        String syssn = payment.syssn();
        if (!channel.payTypes().contains(payment.payType())) {
            throw new Refusal(Respcd.ORDER_MISMATCH, "syssn: payment " + syssn + " has pay type "
                    + payment.payType().code() + ", not an Alipay payment; trade_type alipay declares Alipay payments only");
        }
        if (payment.respcd() != Respcd.SUCCESS) {
            throw new Refusal(Respcd.NOT_PAID, "syssn: payment " + syssn + " has not succeeded ("
                    + payment.respcd().code() + " " + payment.respcd().meaning() + "); only paid orders can be declared");
        }
        if (payment.refundedAmount() > 0) {
            throw new Refusal(Respcd.ALREADY_REFUNDED, "syssn: payment " + syssn
                    + " has been refunded (in part or in full); a refunded payment cannot be declared");
        }
        long paid = paidFen(payment);
        if (request.amount() > paid) {
            throw new Refusal(Respcd.WRONG_AMOUNT, "amount: " + Currency.CNY.toMajor(request.amount())
                    + " is more than the CNY " + Currency.CNY.toMajor(paid) + " the shopper paid for " + syssn);
        }
        if (request.fees() != null && request.fees().orderFee() > paid) {
            throw new Refusal(Respcd.WRONG_AMOUNT, "order_fee: " + request.fees().orderFee()
                    + " is more than the " + paid + " fen the shopper paid for " + syssn);
        }
    }

    /**
     * What the shopper paid in CNY, which customs declares: the wallet's charge from the receipt,
     * or the amount itself for a CNY order whose receipt has none.
     */
    private static long paidFen(Transaction payment) {
        Receipt r = payment.receipt();
        if (r != null && r.cashFee() != null && r.cashFeeType() == Currency.CNY) {
            return r.cashFee();
        }
        return payment.txamt();
    }

    private static CustomsDeclaration replay(CustomsDeclaration stored, NewDeclaration request) {
        if (!stored.sameAs(request)) {
            String which = stored.subOrderNo() == null ? "" : " sub-order " + stored.subOrderNo();
            throw new Refusal(Respcd.DUPLICATE_REQUEST, (stored.subOrderNo() == null ? "syssn" : "sub_order_no")
                    + ": payment " + stored.paymentSyssn() + which + " is already declared under out_request_no "
                    + stored.outRequestNo() + "; use /custom/v1/redeclare to push it again");
        }
        return stored;
    }

    /** Sends the declaration; an unreachable channel leaves it pending for a query to settle. */
    private CustomsDeclaration push(Transaction payment, CustomsDeclaration declaration) {
        CustomsChannel.Outcome outcome;
        try {
            outcome = channel.declare(payment, declaration);
        } catch (RuntimeException e) {
            log.warn("customs declaration {} of {}: outcome unknown ({}); a query asks again",
                    declaration.outRequestNo(), payment.syssn(), e.toString());
            outcome = null;
        }
        CustomsDeclaration pushed = declaration.pushed(outcome, now());
        declarations.update(pushed);
        return pushed;
    }

    /** A pending declaration as the channel reports it now; one the channel never got is sent again. */
    private CustomsDeclaration refresh(Transaction payment, CustomsDeclaration pending) {
        CustomsChannel.Outcome outcome;
        try {
            outcome = channel.status(pending);
        } catch (RuntimeException e) {
            log.warn("customs declaration {}: status unknown ({})", pending.outRequestNo(), e.toString());
            return pending;
        }
        if (outcome instanceof CustomsChannel.Outcome.Unknown) {
            return push(payment, pending);
        }
        CustomsDeclaration settled = pending.settled(outcome, now());
        if (!settled.equals(pending)) {
            declarations.update(settled);
        }
        return settled;
    }

    private static Refusal notDeclared(CustomsLookup lookup) {
        return new Refusal(Respcd.ORDER_NOT_FOUND, "syssn: payment " + lookup.syssn() + " has no declaration to customs "
                + lookup.customs() + (lookup.subOrderNo() == null ? "" : " for sub_order_no " + lookup.subOrderNo()));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(gatewayZone)).truncatedTo(ChronoUnit.SECONDS);
    }
}
