package io.qfgate.server.ops;

import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.server.channel.alipay.AlipayAccount;
import io.qfgate.server.store.AlipaySettings;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlSandboxPartner;
import java.util.Locale;
import java.util.Optional;

/**
 * The mode a node starts in, and with it the partner it signs with and the Alipay it talks to.
 * A stored acquirer account means production; without one the node is a sandbox, with the
 * sandbox's own partner. The embedded sandbox is mounted in sandbox mode only, for
 * {@code embedded}, the sandbox partner (null: no embedded sandbox).
 */
record AlipaySetup(Mode mode, AlipayAccount account, String gatewayUrl, SqlSandboxPartner.Partner embedded) {

    AlipaySetup {
        if (embedded != null && mode != Mode.SANDBOX) {
            throw new IllegalStateException("the embedded sandbox is never mounted in production mode");
        }
    }

    boolean embeddedSandbox() {
        return embedded != null;
    }

    /** The refusal to start, in a line an operator can act on. */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    static AlipaySetup decide(SqlAlipayAccounts production, SqlSandboxPartner sandbox, String alipayUrlFlag,
            String publicUrl) {
        Optional<AlipayAccount> real = production.load().map(AlipaySetup::account);
        if (real.isPresent()) {
            return production(real.get(), alipayUrlFlag, publicUrl);
        }
        SqlSandboxPartner.Partner partner = sandboxPartner(sandbox);
        if (alipayUrlFlag != null) {
            // A sandbox of its own (./qfgate sandbox), reached over HTTP as Alipay would be.
            return new AlipaySetup(Mode.SANDBOX, sandboxAccount(partner), alipayUrlFlag, null);
        }
        return new AlipaySetup(Mode.SANDBOX, sandboxAccount(partner),
                publicUrl + Gateway.SANDBOX_PATH + "/gateway.do", partner);
    }

    private static AlipaySetup production(AlipayAccount account, String alipayUrlFlag, String publicUrl) {
        String url = alipayUrlFlag != null ? alipayUrlFlag : account.gatewayUrl();
        if (url == null) {
            throw new Refused("the Alipay partner " + account.partner() + " has no gateway URL: set one with"
                    + " ./qfgate alipay set --gateway-url https://…/gateway.do (or ./qfgate alipay reset for sandbox mode)");
        }
        if (isSandboxUrl(url) || url.startsWith(publicUrl + Gateway.SANDBOX_PATH)) {
            throw new Refused("the Alipay partner " + account.partner() + " is a production account; it cannot use"
                    + " the embedded sandbox (" + url + ")");
        }
        return new AlipaySetup(Mode.PRODUCTION, account, url, null);
    }

    /** The database's sandbox partner, made with a fresh partner id and MD5 key on first use. */
    static SqlSandboxPartner.Partner sandboxPartner(SqlSandboxPartner sandbox) {
        return sandbox.loadOrCreate(() -> SqlSandboxPartner.Partner.md5(
                Keys.alipayPartner(), Keys.hex32().toLowerCase(Locale.ROOT)));
    }

    /** How the gateway signs to the sandbox partner's Alipay: MD5, or RSA2 with the merchant key, checking Alipay's. */
    static AlipayAccount sandboxAccount(SqlSandboxPartner.Partner partner) {
        return partner.signType() == SqlSandboxPartner.SignType.RSA2
                ? AlipayAccount.sandboxRsa2(partner.partner(), partner.rsa().merchantPrivateKey(),
                        partner.rsa().alipayPublicKey())
                : AlipayAccount.sandbox(partner.partner(), partner.md5Key());
    }

    /**
     * Two fresh RSA key pairs for the sandbox partner's RSA2: the merchant's and the sandbox's own
     * as Alipay.
     */
    static SqlSandboxPartner.RsaKeys newSandboxRsaKeys() {
        return SqlSandboxPartner.RsaKeys.of(AlipaySigner.newKeys(), AlipaySigner.newKeys());
    }

    /** The stored acquirer settings as the channel's account: the store does not know the channel's types. */
    static AlipayAccount account(AlipaySettings stored) {
        return new AlipayAccount(stored.partner(), stored.md5Key(), stored.signType(), stored.rsaPrivateKey(),
                stored.alipayPublicKey(), stored.gatewayUrl());
    }

    /** True for a URL of an embedded sandbox (this gateway's or another's). */
    static boolean isSandboxUrl(String url) {
        return url.contains(Gateway.SANDBOX_PATH + "/");
    }
}
