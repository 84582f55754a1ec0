package io.qfgate.sandbox.customs;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The customs side of the sandbox: declarations by partner and {@code out_request_no}, and what
 * customs makes of them, chosen by the merchant customs code so that tests can ask for each:
 * <ul>
 *   <li>a code starting {@value #REJECT_PREFIX}: rejected, with a reason in {@code memo};
 *   <li>a code starting {@value #SLOW_PREFIX}: {@code INIT} (pending) to the first query after
 *       each push, {@code SUCCESS} from the second;
 *   <li>any other code: {@code SUCCESS} at once.
 * </ul>
 * In memory only, and kept apart from the ledger's trades: a restart forgets declarations.
 */
public final class CustomsDesk {
    public static final String REJECT_PREFIX = "REJECT";
    public static final String SLOW_PREFIX = "SLOW";

    /** A declaration's status as the customs query reports it. */
    public enum Status { INIT, SUCCESS, FAIL }

    /** What the merchant declared; a push with other terms under the same number modifies it. */
    public record Terms(String tradeNo, String merchantCustomsCode, String merchantCustomsName, long amountFen,
            String customsPlace, String subOutBizNo) {}

    /** One declaration as it stands. */
    public record Declaration(String outRequestNo, Terms terms, String declareNo, Status status, String memo,
            int pushes, int queries, Instant modifiedAt) {}

    private record Key(String partnerId, String outRequestNo) {}

    private final Map<Key, Declaration> declarations = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final Clock clock;

    public CustomsDesk(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes a declaration, or a push again of one under the same number (it keeps its Alipay
     * number, and customs decides again). Empty if the number already declares another trade.
     */
    public Optional<Declaration> declare(String partnerId, String outRequestNo, Terms terms) {
        Declaration d = declarations.compute(new Key(partnerId, outRequestNo), (k, old) -> {
            if (old != null && !old.terms().tradeNo().equals(terms.tradeNo())) {
                return old;
            }
            String declareNo = old != null ? old.declareNo() : String.format("2026%016d", numbers.incrementAndGet());
            return new Declaration(outRequestNo, terms, declareNo, firstStatus(terms), memo(terms),
                    old == null ? 1 : old.pushes() + 1, 0, clock.instant());
        });
        return d.terms().equals(terms) ? Optional.of(d) : Optional.empty();
    }

    /** The declaration as customs now has it; each query moves a slow one on. */
    public Optional<Declaration> query(String partnerId, String outRequestNo) {
        return Optional.ofNullable(declarations.computeIfPresent(new Key(partnerId, outRequestNo), (k, d) -> {
            int queries = d.queries() + 1;
            Status status = d.status() == Status.INIT && queries >= 2 ? Status.SUCCESS : d.status();
            return new Declaration(d.outRequestNo(), d.terms(), d.declareNo(), status, d.memo(), d.pushes(), queries,
                    status == d.status() ? d.modifiedAt() : clock.instant());
        }));
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
