package io.qfgate.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void langParameterPicksThePageLanguage() {
        assertThat(Lang.of("zh-cn")).isEqualTo(Lang.ZH_CN);
        assertThat(Lang.of("ZH_HK")).isEqualTo(Lang.ZH_HK);
        assertThat(Lang.of(" en ")).isEqualTo(Lang.EN);
        assertThat(Lang.of("fr")).isEqualTo(Lang.EN);
        assertThat(Lang.of(null)).isEqualTo(Lang.EN);
        assertThat(Lang.ZH_HK.htmlLang()).isEqualTo("zh-HK");
    }

    @Test
    void everyLanguageSaysEverySentence() {
        for (Lang lang : Lang.values()) {
            assertThat(Texts.of(lang).get("pay")).isNotBlank();
        }
        assertThat(Texts.of(Lang.ZH_CN).format("insufficient", "CNY 1.00", "CNY 2.75"))
                .isEqualTo("余额不足：账户余额 CNY 1.00，订单需要 CNY 2.75。");
        assertThatThrownBy(() -> Texts.of(Lang.EN).get("no-such-text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapiXmlEscapesWhatMerchantsSend() {
        assertThat(MapiXml.escape("<a & 'b' \"c\">")).isEqualTo("&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
        assertThat(MapiXml.failure(io.qfgate.sandbox.ledger.ErrorCode.ILLEGAL_SIGN, "x<y"))
                .contains("<is_success>F</is_success>", "<error>ILLEGAL_SIGN</error>", "x&lt;y");
    }

    @Test
    void appendingReturnParametersKeepsTheMerchantsQueryAndFragment() {
        var params = new java.util.LinkedHashMap<String, String>();
        params.put("a", "1 2");
        assertThat(Params.append("https://m.example/r", params)).isEqualTo("https://m.example/r?a=1+2");
        assertThat(Params.append("https://m.example/r?x=1#top", params)).isEqualTo("https://m.example/r?x=1&a=1+2#top");
        assertThat(Params.append("https://m.example/r?", params)).isEqualTo("https://m.example/r?a=1+2");
    }
}
