package io.qfgate.server.web.console.admin;

import io.qfgate.protocol.PayType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.Merchant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the operators' console does, wired by {@code ops} onto the same stores and checks as the
 * command line ({@code ./qfgate merchant|alipay|notify …}). Every setter refuses bad input with an
 * {@link IllegalArgumentException} whose message names the field.
 */
public interface AdminBackend {

    /** A merchant's settings as a form sends them: blank fields keep their value on an edit. */
    record MerchantForm(String name, String mcc, String payTypes, String currencies, String notifyUrl) {}

    /** An app's settings as a form sends them; blank fields keep their value. */
    record AppForm(String name, String notifyUrl, String perSecond, String perMinute) {}

    List<App> apps();

    List<Merchant> merchantsOf(long appId);

    Optional<App> app(String appCode);

    /** The pay types some channel of this gateway carries: the only ones a merchant may be given. */
    Set<PayType> carriedPayTypes();

    App createMerchant(MerchantForm form);

    App createAgent(String name);

    Merchant addSubMerchant(App agent, MerchantForm form);

    void updateApp(App app, AppForm form);

    void updateMerchant(Merchant merchant, MerchantForm form, Boolean enabled);

    void setAppEnabled(App app, boolean enabled);

    /** The Alipay account as the console shows it: never a key, only whether each is set. */
    record AlipayView(String mode, boolean production, String partner, String signType, String gatewayUrl,
            boolean md5KeySet, boolean rsaPrivateKeySet, boolean alipayPublicKeySet, String runningMode) {}

    /** The form of {@code alipay set}: blank fields (always the keys when not retyped) keep their value. */
    record AlipayForm(String partner, String signType, String gatewayUrl, String md5Key, String rsaPrivateKey,
            String alipayPublicKey) {}

    AlipayView alipay();

    /** Saves the production account; the problem if refused (then nothing is saved). */
    Optional<String> setAlipay(AlipayForm form);

    /** Back to sandbox mode; false if no production account was set. */
    boolean resetAlipay();

    /** A gateway process, from its heartbeat. */
    record Node(String nodeId, String host, String version, LocalDateTime startedAt, LocalDateTime lastSeenAt,
            boolean self) {}

    /** A notification that failed for good. */
    record FailedNotice(long id, String syssn, String url, int attempts, LocalDateTime settledAt) {}

    record SystemView(String version, String database, List<Node> nodes, long pending, long failed,
            List<FailedNotice> failedNotices, long appRateRefusals, long addressRateRefusals) {}

    SystemView system();

    /** Puts one failed notification (or, with null, every one) back in line; how many. */
    int resend(Long id);

    /** An audit log row with its id, the key pages continue from. */
    record AuditRow(long id, AuditEntry entry) {}

    record AuditQuery(String username, AuditAction action, LocalDateTime from, LocalDateTime until, Long beforeId,
            int limit) {}

    List<AuditRow> audit(AuditQuery query);

    /** Appends an operator's change to the audit log, at the gateway's time. */
    void record(AuditAction action, long operatorId, String operator, String detail, String ip);
}
