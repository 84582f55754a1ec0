package io.qfgate.sandbox.customs;

import io.qfgate.sandbox.store.SandboxStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The customs side of the sandbox: declarations by partner and {@code out_request_no}, and what
 * customs makes of them, chosen by the merchant customs code so that tests can ask for each:
 * <ul>
 *   <li>a code starting {@value #REJECT_PREFIX}: rejected, with a reason in {@code memo};
 *   <li>a code starting {@value #SLOW_PREFIX}: {@code INIT} (pending) to the first query after
 *       each push, {@code SUCCESS} from the second;
 *   <li>any other code: {@code SUCCESS} at once.
 * </ul>
 * Declarations are kept in the {@link SandboxStore} beside the trades, so that they outlive a
 * restart and every node on one database sees the same ones. Each change is written only if the
 * declaration is still as it was read; a change that lost a race is worked out again.
 */
public final class CustomsDesk {
    public static final String REJECT_PREFIX = "REJECT";
    public static final String SLOW_PREFIX = "SLOW";
    /** Far more than two nodes racing on one number ever need; past it something is wrong. */
    private static final int ATTEMPTS = 16;

    /** A declaration's status as the customs query reports it. */
    public enum Status { INIT, SUCCESS, FAIL }

    /** What the merchant declared; a push with other terms under the same number modifies it. */
    public record Terms(String tradeNo, String merchantCustomsCode, String merchantCustomsName, long amountFen,
            String customsPlace, String subOutBizNo) {}

    /**
     * One declaration as it stands. {@code pushes} and {@code queries} only grow between pushes
     * (a push starts the queries again from 0), so the pair tells one version from the next.
     */
    public record Declaration(String outRequestNo, Terms terms, String declareNo, Status status, String memo,
            int pushes, int queries, Instant modifiedAt) {}

    private final Clock clock;
    private final SandboxStore store;

    public CustomsDesk(Clock clock, SandboxStore store) {
        this.clock = clock;
        this.store = store;
    }

    /**
     * Takes a declaration, or a push again of one under the same number (it keeps its Alipay
     * number, and customs decides again). Empty if the number already declares another trade.
     */
    public Optional<Declaration> declare(String partnerId, String outRequestNo, Terms terms) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Declaration old = store.declaration(partnerId, outRequestNo).orElse(null);
            if (old != null && !old.terms().tradeNo().equals(terms.tradeNo())) {
                return Optional.empty();
            }
            Declaration next = new Declaration(outRequestNo, terms, old != null ? old.declareNo() : newDeclareNo(),
                    firstStatus(terms), memo(terms), old == null ? 1 : old.pushes() + 1, 0, clock.instant());
            if (store.saveDeclaration(partnerId, old, next)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("declaration " + outRequestNo + " kept changing under " + ATTEMPTS + " pushes");
    }

    /** The declaration as customs now has it; each query moves a slow one on. */
    public Optional<Declaration> query(String partnerId, String outRequestNo) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<Declaration> found = store.declaration(partnerId, outRequestNo);
            if (found.isEmpty()) {
                return found;
            }
            Declaration d = found.get();
            int queries = d.queries() + 1;
            Status status = d.status() == Status.INIT && queries >= 2 ? Status.SUCCESS : d.status();
            Declaration next = new Declaration(d.outRequestNo(), d.terms(), d.declareNo(), status, d.memo(),
                    d.pushes(), queries, status == d.status() ? d.modifiedAt() : clock.instant());
            if (store.saveDeclaration(partnerId, d, next)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("declaration " + outRequestNo + " kept changing under " + ATTEMPTS + " queries");
    }

    /** The year and 16 random digits: unique enough, and unique in the store, across nodes and restarts. */
    private String newDeclareNo() {
        return String.format("%04d%016d", clock.instant().atZone(ZoneOffset.UTC).getYear(),
                ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    }

    private static Status firstStatus(Terms terms) {
        String code = terms.merchantCustomsCode();
        return code.startsWith(REJECT_PREFIX) ? Status.FAIL : code.startsWith(SLOW_PREFIX) ? Status.INIT : Status.SUCCESS;
    }

    private static String memo(Terms terms) {
        return terms.merchantCustomsCode().startsWith(REJECT_PREFIX)
                ? "merchant " + terms.merchantCustomsCode() + " has no customs record at " + terms.customsPlace()
                : "";
    }
}
