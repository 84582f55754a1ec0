package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** QFPay's pay-type table (docs/api.md, Pay types). */
class PayTypeTest {

    @ParameterizedTest
    @CsvSource({
        "801101, ALIPAY_ONLINE_WEB",
        "801107, ALIPAY_ONLINE_WAP",
        "801514, ALIPAY_HK_ONLINE_WEB",
        "801512, ALIPAY_HK_ONLINE_WAP",
    })
    void of_alipayOnlineCodes_mapToTheirPayType(String code, PayType expected) {
        assertThat(PayType.of(code)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"801107", "801512"})
    void isWap_alipayWapPayTypes(String code) {
        assertThat(PayType.of(code)).hasValueSatisfying(p -> assertThat(p.isWap()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(value = PayType.class, names = {"ALIPAY_ONLINE_WAP", "ALIPAY_HK_ONLINE_WAP"},
            mode = EnumSource.Mode.EXCLUDE)
    void isWap_falseForEveryOtherPayType(PayType payType) {
        assertThat(payType.isWap()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "800008", "800101", "800108", "801110", "800107", "801501", "801510",
        "800201", "800208", "800207", "800212", "800210", "800213", "801008", "801010",
        "805801", "805808", "805814", "805812",
        "800701", "800708", "800712", "800714",
        "802001", "803701", "803712", "803714",
        "802801", "802808", "806527", "806708", "806808",
    })
    void of_theRestOfTheSpecsTable_isKnown(String code) {
        assertThat(PayType.of(code)).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo(code));
    }

    @Test
    void codes_areUnique() {
        assertThat(Arrays.stream(PayType.values()).map(PayType::code)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(PayType.class)
    void code_isSixDigits(PayType payType) {
        assertThat(payType.code()).matches("\\d{6}");
    }

    @ParameterizedTest
    @EnumSource(PayType.class)
    void description_isPresent(PayType payType) {
        assertThat(payType.description()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(PayType.class)
    void of_findsEveryPayTypeByItsOwnCode(PayType payType) {
        assertThat(PayType.of(payType.code())).contains(payType);
    }

    @ParameterizedTest
    // 804114 (Maybank) and 801814 (Alipay pre-authorisation) are in QFPay's page source but hidden from its table.
    @ValueSource(strings = {"999999", "80110", "8011010", "801101 ", "", "ALIPAY_ONLINE_WEB", "804114", "801814"})
    void of_unknownCode_isEmpty(String code) {
        assertThat(PayType.of(code)).isEmpty();
    }

    @Test
    void of_null_isEmpty() {
        assertThat(PayType.of(null)).isEmpty();
    }
}
