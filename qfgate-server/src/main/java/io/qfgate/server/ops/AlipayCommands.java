package io.qfgate.server.ops;

import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.server.channel.alipay.AlipayAccount;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlAlipayAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./qfgate alipay …}: the gateway's Alipay partner account. Takes effect on the next start. */
@Command(name = "alipay", mixinStandardHelpOptions = true, description = "Show or set the Alipay partner account.",
        subcommands = {AlipayCommands.Show.class, AlipayCommands.Set.class})
final class AlipayCommands {

    /** The account for an operator, one field a line. The keys are shown only as set or not set. */
    static String describe(AlipayAccount a) {
        return String.join(System.lineSeparator(),
                "partner:            " + a.partner(),
                "sign type:          " + a.signType(),
                "gateway URL:        " + (a.gatewayUrl() == null ? "(the embedded sandbox)" : a.gatewayUrl()),
                "MD5 key:            " + isSet(a.md5Key()),
                "RSA private key:    " + isSet(a.rsaPrivateKey()),
                "Alipay public key:  " + isSet(a.alipayPublicKey()));
    }

    private static String isSet(String key) {
        return key == null || key.isBlank() ? "not set" : "set";
    }

    @Command(name = "show", description = "Show the partner account (keys are not shown).")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Storage storage = new Main.Storage();

        @Override
        public Integer call() {
            try (Database db = storage.openDatabase()) {
                System.out.println(new SqlAlipayAccounts(db).load().map(AlipayCommands::describe).orElse("not configured"));
                return 0;
            }
        }
    }

    @Command(name = "set", description = "Set the partner account; unset options keep their value.")
    static final class Set implements Callable<Integer> {
        @CommandLine.Mixin
        Main.Storage storage = new Main.Storage();

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

        @Option(names = "--gateway-url", description = "Alipay gateway.do URL; empty for the embedded sandbox")
        String gatewayUrl;

        @Override
        public Integer call() throws IOException {
            try (Database db = storage.openDatabase()) {
                SqlAlipayAccounts store = new SqlAlipayAccounts(db);
                AlipayAccount old = store.load().orElse(new AlipayAccount(null, null, "MD5", null, null, null));
                AlipayAccount next = new AlipayAccount(
                        partner != null ? partner : old.partner(),
                        md5Key != null ? md5Key : old.md5Key(),
                        signType != null ? signType.toUpperCase(java.util.Locale.ROOT) : old.signType(),
                        rsaPrivateKeyFile != null ? Files.readString(rsaPrivateKeyFile) : old.rsaPrivateKey(),
                        alipayPublicKeyFile != null ? Files.readString(alipayPublicKeyFile) : old.alipayPublicKey(),
                        gatewayUrl == null ? old.gatewayUrl() : gatewayUrl.isBlank() ? null : gatewayUrl);
                String problem = problem(next);
                if (problem != null) {
                    System.err.println("error: " + problem);
                    return 2;
                }
                store.save(next);
                System.out.println("saved (restart the gateway to use it):");
                System.out.println(describe(next));
                return 0;
            }
        }

        private static String problem(AlipayAccount a) {
            if (a.partner() == null || !a.partner().matches("2088\\d{12}")) {
                return "--partner must be 2088 followed by 12 digits";
            }
            return switch (a.signType()) {
                case "MD5" -> a.md5Key() == null || a.md5Key().isBlank() ? "--md5-key is required for MD5" : null;
                case "RSA2" -> {
                    if (a.rsaPrivateKey() == null) {
                        yield "--rsa-private-key-file is required for RSA2";
                    }
                    try {
                        MapiSignature.privateKey(a.rsaPrivateKey());
                        yield null;
                    } catch (IllegalArgumentException e) {
                        yield "--rsa-private-key-file: " + e.getMessage();
                    }
                }
                default -> "--sign-type must be MD5 or RSA2";
            };
        }
    }
}
