package io.qfgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LangTest {
    @Test
    void theLangParameterWinsOverTheBrowser() {
        assertThat(Lang.choose("zh-HK", "en-US,en;q=0.9")).isEqualTo(Lang.ZH_HK);
        assertThat(Lang.choose("ZH_cn", null)).isEqualTo(Lang.ZH_CN);
    }

    @Test
    void withoutAUsableLangTheBrowsersFirstPageLanguageByQualityIsUsed() {
        assertThat(Lang.choose(null, "fr-FR,zh-TW;q=0.8,en;q=0.5")).isEqualTo(Lang.ZH_HK);
        assertThat(Lang.choose("klingon", "de;q=0.9,zh;q=0.7")).isEqualTo(Lang.ZH_CN);
        assertThat(Lang.choose("", "en;q=0.4,zh-Hant-HK;q=0.9")).isEqualTo(Lang.ZH_HK);
        assertThat(Lang.choose(null, "zh-SG")).isEqualTo(Lang.ZH_CN);
    }

    @Test
    void otherwiseEnglish() {
        assertThat(Lang.choose(null, null)).isEqualTo(Lang.EN);
        assertThat(Lang.choose(null, "fr,de")).isEqualTo(Lang.EN);
        assertThat(Lang.choose(null, ";;;q=nonsense")).isEqualTo(Lang.EN);
        assertThat(Lang.choose(null, "zh".repeat(400))).isEqualTo(Lang.EN);
    }
}
