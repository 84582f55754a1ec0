package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.server.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from, what a wrong one does, and how it is rotated. */
class MasterKeyTest {
    @TempDir
    Path tmp;

    @Test
    void firstStartMakesAnOwnerOnlyKeyFileInAnOwnerOnlyDataFolderAndUsesItAfterwards() throws Exception {
        Path data = tmp.resolve("data");

        MasterKey made = MasterKey.resolve(null, Map.of(), data);

        Path file = data.resolve("master-key.json");
        assertThat(made.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(keyCount(file)).isEqualTo(1);
        String json = Files.readString(file);
        assertThat(MasterKey.resolve(null, Map.of(), data).keyset().equalsKeyset(made.keyset())).isTrue();
        assertThat(Files.readString(file)).as("made once").isEqualTo(json);
    }

    @Test
    void theFlagComesBeforeTheEnvironmentWhichComesBeforeTheDataFolder() throws Exception {
        Path data = tmp.resolve("data");
        MasterKey inData = MasterKey.resolve(null, Map.of(), data);
        Path flagFile = tmp.resolve("flag.json");
        MasterKey.write(MasterKey.generate(), flagFile);
        Path envFile = tmp.resolve("env.json");
        MasterKey.write(MasterKey.generate(), envFile);
        Map<String, String> env = Map.of(MasterKey.ENV, Files.readString(envFile));

        MasterKey fromFlag = MasterKey.resolve(flagFile, env, data);
        MasterKey fromEnv = MasterKey.resolve(null, env, data);
        MasterKey fromData = MasterKey.resolve(null, Map.of(), data);

        assertThat(fromFlag.source()).isEqualTo(flagFile.toString());
        assertThat(fromEnv.source()).isEqualTo(MasterKey.ENV);
        assertThat(fromEnv.file()).isNull();
        assertThat(fromData.keyset().equalsKeyset(inData.keyset())).isTrue();
        assertThat(fromFlag.keyset().equalsKeyset(fromEnv.keyset())).isFalse();
        assertThat(fromEnv.keyset().equalsKeyset(fromData.keyset())).isFalse();
        assertThat(fromData.toString()).doesNotContain("value").contains("1 key(s)");
    }

    @Test
    void aMissingKeyFileOrAKeyThatIsNoKeysetIsNamedInOneLine() {
        assertThatThrownBy(() -> MasterKey.resolve(tmp.resolve("nope.json"), Map.of(), tmp))
                .isInstanceOf(MasterKey.Problem.class).hasMessage("master key file " + tmp.resolve("nope.json") + " does not exist");
        assertThatThrownBy(() -> MasterKey.resolve(null, Map.of(MasterKey.ENV, "{\"not\": \"a keyset\"}"), tmp))
                .isInstanceOf(MasterKey.Problem.class).hasMessage("the master key in QFGATE_MASTER_KEY is not a Tink keyset (JSON)");
        assertThat(Files.exists(tmp.resolve("master-key.json"))).as("no key made when one was given").isFalse();
    }

    @Test
    void aWrongKeyStopsEveryCommandWithOneLineAndNoStackTrace() {
        Path data = tmp.resolve("data");
        Cli created = Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString());
        assertThat(created.exit()).as(created.all()).isZero();
        Path other = tmp.resolve("other.json");
        MasterKey.write(MasterKey.generate(), other);

        for (String[] command : new String[][] {{"merchant", "list"}, {"alipay", "show"}, {"notify", "list"},
                {"master-key", "rotate"}}) {
            Cli wrong = Cli.run(concat(command, "--data", data.toString(), "--master-key-file", other.toString()));
            assertThat(wrong.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(wrong.out()).isEmpty();
            assertThat(wrong.err().lines().toList()).as(String.join(" ", command)).singleElement().asString()
                    .startsWith("error: the master key cannot decrypt apps.client_key:" + created.values().get("app_code"))
                    .doesNotContain(created.values().get("client_key"));
        }
        Cli missing = Cli.run("merchant", "list", "--data", data.toString(), "--master-key-file", tmp.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: master key file " + tmp.resolve("x") + " does not exist" + System.lineSeparator());
    }

    @Test
    void rotationReEncryptsEverySecretUnderANewKeyAndKeepsTheOldOneUntilDropOld() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> app = Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString()).values();
        assertThat(Cli.run("alipay", "set", "--partner", "2088000000000001", "--md5-key", "secretmd5key",
                "--gateway-url", "https://alipay.example/gateway.do", "--data", data.toString()).exit()).isZero();
        Path keyFile = data.resolve("master-key.json");
        Path before = tmp.resolve("before.json");
        Files.copy(keyFile, before);
        String clientKeyBefore = raw(data, "SELECT client_key FROM apps");
        String md5KeyBefore = raw(data, "SELECT md5_key FROM alipay_settings");

        Cli rotated = Cli.run("master-key", "rotate", "--data", data.toString());

        assertThat(rotated.exit()).as(rotated.all()).isZero();
        assertThat(rotated.out()).contains("re-encrypted 2 secret(s)", "old keys kept");
        assertThat(keyCount(keyFile)).isEqualTo(2);
        assertThat(raw(data, "SELECT client_key FROM apps")).startsWith("v1:").isNotEqualTo(clientKeyBefore);
        assertThat(raw(data, "SELECT md5_key FROM alipay_settings")).startsWith("v1:").isNotEqualTo(md5KeyBefore);
        assertThat(Cli.run("merchant", "list", "--data", data.toString(), "--master-key-file", before.toString()).exit())
                .as("the old key alone no longer opens the database: everything moved to the new key").isEqualTo(2);
        try (Database db = Database.open(Database.h2Url(data), 2, MasterKey.resolve(null, Map.of(), data).secrets())) {
            assertThat(new io.qfgate.server.store.SqlApps(db).byAppCode(app.get("app_code")).orElseThrow().clientKey())
                    .isEqualTo(app.get("client_key"));
        }

        Cli dropped = Cli.run("master-key", "rotate", "--drop-old", "--data", data.toString());

        assertThat(dropped.exit()).as(dropped.all()).isZero();
        assertThat(keyCount(keyFile)).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        Cli shown = Cli.run("alipay", "show", "--data", data.toString());
        assertThat(shown.exit()).as(shown.all()).isZero();
        assertThat(shown.out()).contains("MD5 key:            set");
    }

    @Test
    void rotationWritesTheNewKeysetWhereOutSays() throws Exception {
        Path data = tmp.resolve("data");
        Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString());
        Path out = tmp.resolve("rotated.json");

        Cli rotated = Cli.run("master-key", "rotate", "--out", out.toString(), "--data", data.toString());

        assertThat(rotated.exit()).as(rotated.all()).isZero();
        assertThat(keyCount(out)).isEqualTo(2);
        assertThat(Cli.run("merchant", "list", "--data", data.toString(), "--master-key-file", out.toString()).exit())
                .isZero();
    }

    private static int keyCount(Path keyFile) throws Exception {
        return new ObjectMapper().readTree(keyFile.toFile()).get("key").size();
    }

    private static String raw(Path data, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(Database.h2Url(data)); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
