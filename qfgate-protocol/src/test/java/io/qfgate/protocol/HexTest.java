package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Digests, hex forms and the signature comparison shared by both protocols. */
class HexTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void digest_md5_ofAbc_isTheRfc1321Vector() {
        assertThat(Hex.lower(Hex.digest("MD5", utf8("abc")))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void digest_sha256_ofAbc_isTheFips180Vector() {
        assertThat(Hex.lower(Hex.digest("SHA-256", utf8("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void digest_ofSeveralParts_equalsDigestOfTheirConcatenation() {
        assertThat(Hex.digest("MD5", utf8("a"), utf8("b"), utf8("c"))).isEqualTo(Hex.digest("MD5", utf8("abc")));
    }

    @Test
    void digest_unknownAlgorithm_isAnIllegalState() {
        assertThatThrownBy(() -> Hex.digest("NO-SUCH-HASH", utf8("abc"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void upper_and_lower_formatEveryByteAsTwoDigits() {
        byte[] bytes = {0x00, 0x0a, (byte) 0xab, (byte) 0xff};

        assertThat(Hex.upper(bytes)).isEqualTo("000AABFF");
        assertThat(Hex.lower(bytes)).isEqualTo("000aabff");
    }

    @Test
    void equalsIgnoreCase_sameHex_inEitherCase() {
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", "00ab")).isTrue();
        assertThat(Hex.equalsIgnoreCaseConstantTime("00ab", "00AB")).isTrue();
    }

    @Test
    void equalsIgnoreCase_ignoresSurroundingWhitespaceOfTheGivenValue() {
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", " 00ab\t")).isTrue();
    }

    @Test
    void equalsIgnoreCase_differentLengths_areNotEqual() {
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", "00A")).isFalse();
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", "00AB00")).isFalse();
    }

    @Test
    void equalsIgnoreCase_nullOnEitherSide_isNotEqual() {
        assertThat(Hex.equalsIgnoreCaseConstantTime(null, "00AB")).isFalse();
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", null)).isFalse();
    }

    @Test
    void equalsIgnoreCase_nonAsciiLookAlikes_areNotEqual() {
        // U+FB00 (ﬀ) upper-cases to "FF" and U+FF21 is a fullwidth 'A': neither is a hex digit.
        assertThat(Hex.equalsIgnoreCaseConstantTime("00FF", "00\uFB00")).isFalse();
        assertThat(Hex.equalsIgnoreCaseConstantTime("00AB", "00\uFF21B")).isFalse();
    }
}
