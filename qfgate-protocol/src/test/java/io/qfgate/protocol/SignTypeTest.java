package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code X-QF-SIGNTYPE} header (docs/api.md, Signing). */
class SignTypeTest {

    @Test
    void fromHeader_absent_meansMd5() {
        assertThat(SignType.fromHeader(null)).contains(SignType.MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void fromHeader_blank_meansMd5(String blank) {
        assertThat(SignType.fromHeader(blank)).contains(SignType.MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "md5", "Md5", " MD5 "})
    void fromHeader_md5_inAnyCase(String header) {
        assertThat(SignType.fromHeader(header)).contains(SignType.MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "sha256", "Sha256", "SHA-256", "sha-256", " SHA256 "})
    void fromHeader_sha256_withOrWithoutHyphen_inAnyCase(String header) {
        assertThat(SignType.fromHeader(header)).contains(SignType.SHA256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1", "SHA-512", "RSA2", "HMAC-SHA256", "MD 5", "junk"})
    void fromHeader_unknownAlgorithm_isEmpty(String header) {
        assertThat(SignType.fromHeader(header)).isEmpty();
    }

    @Test
    void jcaName_namesADigestTheJdkProvides() {
        assertThat(SignType.MD5.jcaName()).isEqualTo("MD5");
        assertThat(SignType.SHA256.jcaName()).isEqualTo("SHA-256");
    }
}
