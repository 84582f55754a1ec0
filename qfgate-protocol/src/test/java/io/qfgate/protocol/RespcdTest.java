package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** QFPay's status codes (docs/api.md, Status codes). */
class RespcdTest {

    /** Every code of QFPay's table, in its order (docs/api.md, Status codes). */
    @ParameterizedTest
    @ValueSource(strings = {
        "0000", "1100", "1101", "1102", "1103", "1104", "1105", "1106", "1107", "1108",
        "1125", "1136", "1142", "1143", "1145", "1147", "1150", "1155", "1181",
        "1201", "1202", "1203", "1204", "1205", "1212",
        "1241", "1242", "1243", "1250", "1251", "1252", "1254",
        "1260", "1261", "1262", "1263", "1264", "1265", "1266", "1267", "1268", "1269",
        "1270", "1271", "1272", "1294", "1295", "1296", "1298", "1297",
        "2005", "2011",
    })
    void of_everyCodeOfTheSpec_isKnownWithAMeaning(String code) {
        assertThat(Respcd.of(code)).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.meaning()).isNotBlank();
        });
    }

    @Test
    void of_0000_isSuccess() {
        assertThat(Respcd.of("0000")).contains(Respcd.SUCCESS);
    }

    @Test
    void of_1108_isTheSignatureError() {
        assertThat(Respcd.of("1108")).contains(Respcd.SIGNATURE_ERROR);
    }

    @Test
    void pendingCodes_areTheOnesMerchantsMustKeepQuerying() {
        assertThat(Respcd.of("1143")).contains(Respcd.NOT_PAID_YET);
        assertThat(Respcd.of("1145")).contains(Respcd.PROCESSING);
    }

    @Test
    void codes_areUnique() {
        assertThat(Arrays.stream(Respcd.values()).map(Respcd::code)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Respcd.class)
    void code_isFourDigits(Respcd respcd) {
        assertThat(respcd.code()).matches("\\d{4}");
    }

    @ParameterizedTest
    @EnumSource(Respcd.class)
    void meaning_isEnglishText(Respcd respcd) {
        assertThat(respcd.meaning()).isNotBlank().matches("[ -~]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999", "000", "00000", "", "SUCCESS"})
    void of_unknownCode_isEmpty(String code) {
        assertThat(Respcd.of(code)).isEmpty();
    }

    @Test
    void of_null_isEmpty() {
        assertThat(Respcd.of(null)).isEmpty();
    }
}
