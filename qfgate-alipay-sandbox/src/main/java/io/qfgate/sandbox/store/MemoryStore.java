package io.qfgate.sandbox.store;

import io.qfgate.sandbox.Buyer;
import io.qfgate.sandbox.customs.CustomsDesk.Declaration;
import io.qfgate.sandbox.ledger.CloseReason;
import io.qfgate.sandbox.ledger.Refund;
import io.qfgate.sandbox.ledger.TradeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The books in memory, for the sandbox alone and its tests: gone when the process ends. One lock
 * around every operation makes each one atomic, which is all the sandbox's traffic needs. A
 * ReentrantLock rather than {@code synchronized} keeps virtual threads unpinned on JDK 21.
 */
public final class MemoryStore implements SandboxStore {
    private record Key(String partnerId, String number) {}

    private static final class Delivery {
        Notice notice;
        Instant nextAttemptAt;
        Instant leaseUntil;
        Instant settledAt;
        boolean sent;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, StoredTrade> byTradeNo = new LinkedHashMap<>();
    private final Map<Key, String> byOutTradeNo = new HashMap<>();
    private final Map<String, String> byToken = new HashMap<>();
    private final Map<Key, RefundEntry> refundsByOutReturnNo = new LinkedHashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
    private final Map<Key, Declaration> declarations = new HashMap<>();

    private <T> T locked(Supplier<T> step) {
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void seedBuyers(Collection<Buyer> buyers) {
        locked(() -> {
            buyers.forEach(b -> balances.putIfAbsent(b.login(), b.openingBalanceFen()));
            return null;
        });
    }

    @Override
    public Optional<Long> balanceFen(String login) {
        return locked(() -> Optional.ofNullable(balances.get(login)));
    }

    @Override
    public StoredTrade insertOrGet(StoredTrade fresh) {
        return locked(() -> {
            String known = byOutTradeNo.putIfAbsent(new Key(fresh.terms().partnerId(), fresh.terms().outTradeNo()),
                    fresh.tradeNo());
            if (known != null) {
                return byTradeNo.get(known);
            }
            byTradeNo.put(fresh.tradeNo(), fresh);
            byToken.put(fresh.walletToken(), fresh.tradeNo());
            return fresh;
        });
    }

    @Override
    public Optional<StoredTrade> byOutTradeNo(String partnerId, String outTradeNo) {
        return locked(() -> Optional.ofNullable(byOutTradeNo.get(new Key(partnerId, outTradeNo))).map(byTradeNo::get));
    }

    @Override
    public Optional<StoredTrade> byTradeNo(String tradeNo) {
        return locked(() -> Optional.ofNullable(byTradeNo.get(tradeNo)));
    }

    @Override
    public Optional<StoredTrade> byToken(String walletToken) {
        return locked(() -> Optional.ofNullable(byToken.get(walletToken)).map(byTradeNo::get));
    }

    @Override
    public List<Refund> refunds(String tradeNo) {
        return locked(() -> refundsByOutReturnNo.values().stream()
                .filter(e -> e.tradeNo().equals(tradeNo)).map(RefundEntry::refund).toList());
    }

    @Override
    public Optional<RefundEntry> refundByOutReturnNo(String partnerId, String outReturnNo) {
        return locked(() -> Optional.ofNullable(refundsByOutReturnNo.get(new Key(partnerId, outReturnNo))));
    }

    @Override
    public PayResult pay(String tradeNo, String buyerLogin, long cnyFen, Instant at, Notice notice) {
        return locked(() -> {
            StoredTrade trade = byTradeNo.get(tradeNo);
            if (trade == null || !trade.payableAt(at)) {
                return PayResult.NOT_PAYABLE;
            }
            long balance = balances.getOrDefault(buyerLogin, 0L);
            if (balance < cnyFen) {
                return PayResult.INSUFFICIENT_BALANCE;
            }
            balances.put(buyerLogin, balance - cnyFen);
            byTradeNo.put(tradeNo, trade.paidBy(buyerLogin, at));
            if (notice != null) {
                Delivery d = new Delivery();
                d.notice = notice;
                d.nextAttemptAt = at;
                deliveries.put(notice.notifyId(), d);
            }
            return PayResult.PAID;
        });
    }

    @Override
    public boolean close(String tradeNo, CloseReason reason, Instant at) {
        return locked(() -> {
            StoredTrade trade = byTradeNo.get(tradeNo);
            if (trade == null || trade.status() != TradeStatus.WAIT_BUYER_PAY) {
                return false;
            }
            byTradeNo.put(tradeNo, trade.closed(reason, at));
            return true;
        });
    }

    @Override
    public RefundResult refund(String partnerId, String tradeNo, long refundedMinorBefore, String payerLogin,
            Refund refund) {
        return locked(() -> {
            Key key = new Key(partnerId, refund.outReturnNo());
            if (refundsByOutReturnNo.containsKey(key)) {
                return RefundResult.DUPLICATE_OUT_RETURN_NO;
            }
            StoredTrade trade = byTradeNo.get(tradeNo);
            if (trade == null || trade.status() != TradeStatus.TRADE_FINISHED
                    || trade.refundedMinor() != refundedMinorBefore
                    || trade.refundedMinor() + refund.amountMinor() > trade.terms().totalMinor()) {
                return RefundResult.STALE;
            }
            byTradeNo.put(tradeNo, trade.refunded(refund.amountMinor(), refund.cnyFen(), refund.at()));
            refundsByOutReturnNo.put(key, new RefundEntry(tradeNo, refund));
            balances.merge(payerLogin, refund.cnyFen(), Long::sum);
            return RefundResult.APPLIED;
        });
    }

    @Override
    public int expireDue(Instant now) {
        return locked(() -> {
            int expired = 0;
            for (StoredTrade t : List.copyOf(byTradeNo.values())) {
                if (t.status() == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(t.expiresAt())) {
                    byTradeNo.put(t.tradeNo(), t.closed(CloseReason.EXPIRED, t.expiresAt()));
                    expired++;
                }
            }
            return expired;
        });
    }

    @Override
    public int forgetSettledBefore(Instant cutoff) {
        return locked(() -> {
            List<StoredTrade> old = byTradeNo.values().stream()
                    .filter(t -> t.status() != TradeStatus.WAIT_BUYER_PAY && t.lastChange().isBefore(cutoff))
                    .toList();
            for (StoredTrade t : old) {
                byTradeNo.remove(t.tradeNo());
                byOutTradeNo.remove(new Key(t.terms().partnerId(), t.terms().outTradeNo()));
                byToken.remove(t.walletToken());
                refundsByOutReturnNo.values().removeIf(e -> e.tradeNo().equals(t.tradeNo()));
            }
            return old.size();
        });
    }

    @Override
    public List<Notice> claimDue(Instant now, Instant leaseUntil, int limit) {
        return locked(() -> {
            List<Notice> claimed = new ArrayList<>();
            for (Delivery d : deliveries.values()) {
                if (claimed.size() < limit && d.settledAt == null && !d.nextAttemptAt.isAfter(now)
                        && (d.leaseUntil == null || d.leaseUntil.isBefore(now))) {
                    d.leaseUntil = leaseUntil;
                    d.sent = true;
                    claimed.add(d.notice);
                }
            }
            return claimed;
        });
    }

    @Override
    public void recordAttempt(String notifyId, int attempts, Instant nextAttemptAt, Instant settledAt) {
        locked(() -> {
            Delivery d = deliveries.get(notifyId);
            if (d != null) {
                Notice n = d.notice;
                d.notice = new Notice(n.notifyId(), n.partnerId(), n.url(), n.params(), attempts);
                d.nextAttemptAt = nextAttemptAt;
                d.settledAt = settledAt;
                d.leaseUntil = null;
            }
            return null;
        });
    }

    @Override
    public boolean wasSent(String partnerId, String notifyId) {
        return locked(() -> {
            Delivery d = deliveries.get(notifyId);
            return d != null && d.sent && d.notice.partnerId().equals(partnerId);
        });
    }

    @Override
    public int forgetNoticesSettledBefore(Instant cutoff) {
        return locked(() -> {
            int before = deliveries.size();
            deliveries.values().removeIf(d -> d.settledAt != null && d.settledAt.isBefore(cutoff));
            return before - deliveries.size();
        });
    }

    @Override
    public Optional<Declaration> declaration(String partnerId, String outRequestNo) {
        return locked(() -> Optional.ofNullable(declarations.get(new Key(partnerId, outRequestNo))));
    }

    @Override
    public boolean saveDeclaration(String partnerId, Declaration previous, Declaration next) {
        return locked(() -> {
            Key key = new Key(partnerId, next.outRequestNo());
            if (!Objects.equals(declarations.get(key), previous)) {
                return false;
            }
            declarations.put(key, next);
            return true;
        });
    }
}
