package io.qfgate.server.ops;

import io.qfgate.server.store.AlipaySettings;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlSandboxPartner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./qfgate alipay …}: the gateway's Alipay partner account. Setting one puts the gateway in
 * production mode, resetting it back in sandbox mode; either takes effect on the next start.
 */
@Command(name = "alipay", mixinStandardHelpOptions = true, description = "Show, set or reset the Alipay partner account.",
        subcommands = {AlipayCommands.Show.class, AlipayCommands.Set.class, AlipayCommands.Reset.class})
final class AlipayCommands {

    /** The account for an operator, one field a line. The keys are shown only as set or not set. */
    static String describe(AlipaySettings a) {
        return String.join(System.lineSeparator(),
                "partner:            " + a.partner(),
                "sign type:          " + a.signType(),
                "gateway URL:        " + (a.gatewayUrl() == null ? "not set (the gateway refuses to start)" : a.gatewayUrl()),
                "MD5 key:            " + isSet(a.md5Key()),
                "RSA private key:    " + isSet(a.rsaPrivateKey()),
                "Alipay public key:  " + isSet(a.alipayPublicKey()));
    }

    private static String isSet(String key) {
        return key == null || key.isBlank() ? "not set" : "set";
    }

    @Command(name = "show", description = "Show the partner account (keys are not shown).")
    static final class Show extends ManagementCommand {
        @Override
        int run(Database db) {
            out().println(new SqlAlipayAccounts(db).load().map(AlipayCommands::describe)
                    .orElseGet(() -> "not configured (sandbox mode" + new SqlSandboxPartner(db).load()
                            .map(p -> "; the sandbox partner " + p.partner() + " signs " + p.signType()).orElse("")
                            + ")"));
            return 0;
        }
    }

    @Command(name = "set", description = "Set the production partner account (production mode from the next start);"
            + " unset options keep their value.")
    static final class Set extends ManagementCommand {
        @Option(names = "--partner", description = "Alipay partner id (2088 and 12 digits)")
        String partner;

        @Option(names = "--md5-key", description = "Partner MD5 key")
        String md5Key;

        @Option(names = "--sign-type", description = "MD5 or RSA2")
        String signType;

        @Option(names = "--rsa-private-key-file", description = "PKCS#8 PEM file of the key that signs requests (RSA2)")
        Path rsaPrivateKeyFile;

        @Option(names = "--alipay-public-key-file", description = "X.509 PEM file of Alipay's public key (RSA2)")
        Path alipayPublicKeyFile;

        @Option(names = "--gateway-url", description = "Alipay's gateway.do URL (required once), e.g. https://intlmapi.alipay.com/gateway.do")
        String gatewayUrl;

        @Override
        int run(Database db) throws IOException {
            SqlAlipayAccounts store = new SqlAlipayAccounts(db);
            AlipaySettings old = store.load().orElse(new AlipaySettings(null, null, "MD5", null, null, null));
            AlipaySettings next = new AlipaySettings(
                    partner != null ? partner : old.partner(),
                    md5Key != null ? md5Key : old.md5Key(),
                    signType != null ? signType.toUpperCase(java.util.Locale.ROOT) : old.signType(),
                    rsaPrivateKeyFile != null ? Files.readString(storage.file(rsaPrivateKeyFile)) : old.rsaPrivateKey(),
                    alipayPublicKeyFile != null ? Files.readString(storage.file(alipayPublicKeyFile)) : old.alipayPublicKey(),
                    gatewayUrl != null ? gatewayUrl.trim() : old.gatewayUrl());
            String problem = AlipayAccountRules.problem(next, new SqlSandboxPartner(db).load().orElse(null));
            if (problem != null) {
                err().println("error: " + problem);
                return 2;
            }
            store.save(next);
            out().println("saved (production mode: restart the gateway to use it):");
            out().println(describe(next));
            return 0;
        }
    }

    @Command(name = "reset", description = "Remove the production partner account: sandbox mode from the next start.")
    static final class Reset extends ManagementCommand {
        @Option(names = "--sign-type", description = "How the sandbox partner signs from the next start: MD5 (as made)"
                + " or RSA2 (two RSA key pairs are made once and kept in the database)")
        String signType;

        @Override
        int run(Database db) {
            SqlSandboxPartner.SignType type = null;
            if (signType != null) {
                try {
                    type = SqlSandboxPartner.SignType.valueOf(signType.trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    err().println("error: --sign-type must be MD5 or RSA2");
                    return 2;
                }
            }
            int removed = new SqlAlipayAccounts(db).remove();
            out().println(removed == 0 ? "no production account was set (sandbox mode)"
                    : "removed the production account (sandbox mode: restart the gateway)");
            if (type != null) {
                SqlSandboxPartner sandbox = new SqlSandboxPartner(db);
                AlipaySetup.sandboxPartner(sandbox);
                var partner = sandbox.useSignType(type, AlipaySetup::newSandboxRsaKeys);
                out().println("the sandbox partner " + partner.partner() + " signs " + partner.signType()
                        + " from the next start (restart the gateway)");
            }
            return 0;
        }
    }
}
