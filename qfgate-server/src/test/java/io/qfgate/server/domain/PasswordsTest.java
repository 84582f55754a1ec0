package io.qfgate.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = Passwords.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse battery");
        assertThat(Passwords.verify("correct horse battery", hash)).isTrue();
        assertThat(Passwords.verify("correct horse batterY", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(Passwords.hash("correct horse battery")).isNotEqualTo(Passwords.hash("correct horse battery"));
    }

    @Test
    void anUnknownAccountIsCheckedAgainstADummyHashAndNeverMatches() {
        assertThat(Passwords.verify("no account has this password", null)).isFalse();
        assertThat(Passwords.verify("anything at all", null)).isFalse();
    }

    @Test
    void aNewPasswordNeedsTenToTwoHundredFiftySixCharacters() {
        assertThat(Passwords.problemWith("short")).contains("at least 10");
        assertThat(Passwords.problemWith("x".repeat(257))).contains("at most 256");
        assertThat(Passwords.problemWith("ten chars!")).isNull();
    }
}
