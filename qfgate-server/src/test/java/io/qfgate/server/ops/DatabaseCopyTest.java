package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.server.TestKeys;
import io.qfgate.server.store.Secrets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the embedded database's files, without the master key, holds no usable key: not the
 * client keys, not the Alipay MD5 key, not the RSA private key, in any encoding a search would try.
 */
class DatabaseCopyTest {
    static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);

    @TempDir
    Path tmp;

    @Test
    void theDatabaseFilesHoldNoKeyInAnyEncoding() throws Exception {
        Path data = tmp.resolve("data");
        List<String> secrets = new ArrayList<>();
        List<String> appCodes = new ArrayList<>();
        try (Gateway gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            secrets.add(gateway.demo().merchant().client_key());
            secrets.add(gateway.demo().agent().client_key());
            // The consoles keep Argon2id hashes only, never a password.
            secrets.add(gateway.demo().portal().password());
            secrets.add(gateway.demo().operator().password());
            appCodes.add(gateway.demo().merchant().app_code());
        }
        for (String[] command : new String[][] {{"merchant", "create", "--name", "Kowloon Books"},
                {"merchant", "create-agent", "--name", "Mall Platform"}}) {
            Cli created = ok(Cli.run(concat(command, "--data", data.toString())));
            secrets.add(created.values().get("client_key"));
            appCodes.add(created.values().get("app_code"));
        }
        secrets.add(ok(Cli.run("merchant", "rotate-key", appCodes.get(1), "--data", data.toString())).values().get("client_key"));
        String md5Key = "k5jqf0y2xv8ma3n1wz7rb4tc6hd9pe0s";
        String rsaKey = TestKeys.rsaPrivateKeyPem(2048);
        Path rsaFile = Files.writeString(tmp.resolve("rsa.pem"), rsaKey);
        ok(Cli.run("alipay", "set", "--partner", "2088000000000001", "--sign-type", "RSA2", "--md5-key", md5Key,
                "--rsa-private-key-file", rsaFile.toString(), "--gateway-url", "https://alipay.example/gateway.do",
                "--data", data.toString()));
        secrets.add(md5Key);
        secrets.addAll(pemBodyLines(rsaKey));

        byte[] files = databaseFiles(data);

        assertThat(files.length).as("the database files were read").isGreaterThan(10_000);
        for (String appCode : appCodes) {
            assertThat(contains(files, appCode.getBytes(StandardCharsets.UTF_8)))
                    .as("control: the search finds what is stored in plaintext (app_code %s)", appCode).isTrue();
        }
        for (String secret : secrets) {
            for (Charset encoding : ENCODINGS) {
                assertThat(contains(files, secret.getBytes(encoding))).as("%s in %s", secret, encoding).isFalse();
            }
        }
        byte[] der = Base64.getMimeDecoder().decode(String.join("", pemBodyLines(rsaKey)));
        assertThat(contains(files, java.util.Arrays.copyOfRange(der, der.length - 64, der.length)))
                .as("the RSA key's DER bytes").isFalse();
    }

    @Test
    void theDatabaseFilesWithoutTheKeyFileDoNotOpen() throws Exception {
        Path data = tmp.resolve("data");
        ok(Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString()));
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        Files.copy(data.resolve("qfgate.mv.db"), copy.resolve("qfgate.mv.db"));

        Cli opened = Cli.run("merchant", "list", "--data", copy.toString());

        assertThat(opened.exit()).as("a new key is made for the copy, and it opens nothing").isEqualTo(2);
        assertThat(opened.err()).startsWith("error: the master key cannot decrypt apps.client_key:");
        assertThatThrownBy(() -> Gateway.start(GatewayConfig.defaults(copy).withPort(0).withHost("127.0.0.1")))
                .isInstanceOf(Secrets.WrongKeyException.class);
    }

    /** Every file of the H2 database (qfgate.mv.db, and a trace or temp file if there is one), end to end. */
    private static byte[] databaseFiles(Path data) throws Exception {
        var all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("qfgate.")).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static List<String> pemBodyLines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).filter(l -> l.length() >= 32).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Cli ok(Cli cli) {
        assertThat(cli.exit()).as(cli.all()).isZero();
        return cli;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
