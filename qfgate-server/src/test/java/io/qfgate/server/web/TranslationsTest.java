package io.qfgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every page text exists in English, Simplified and Traditional Chinese, with the same keys. */
class TranslationsTest {
    @Test
    void everyBundleHasEveryKeyInEveryLanguageAndNoneIsBlank() throws IOException, URISyntaxException {
        Set<String> bundles = bundles();
        assertThat(bundles).contains("common");
        for (String bundle : bundles) {
            Set<String> english = Texts.load(bundle + "_en").stringPropertyNames();
            for (Lang lang : Lang.values()) {
                Properties texts = Texts.load(bundle + "_" + lang.code());
                assertThat(texts.stringPropertyNames()).as(bundle + " in " + lang).isEqualTo(english);
                texts.forEach((k, v) -> assertThat(v.toString()).as(bundle + "_" + lang.code() + " " + k).isNotBlank());
            }
        }
    }

    @Test
    void chineseTextsAreTranslatedNotCopiedFromEnglish() throws IOException, URISyntaxException {
        for (String bundle : bundles()) {
            Properties english = Texts.load(bundle + "_en");
            for (Lang lang : Set.of(Lang.ZH_CN, Lang.ZH_HK)) {
                Properties chinese = Texts.load(bundle + "_" + lang.code());
                long same = english.stringPropertyNames().stream()
                        .filter(k -> english.getProperty(k).equals(chinese.getProperty(k))
                                && english.getProperty(k).chars().anyMatch(Character::isLetter)
                                && english.getProperty(k).length() > 3)
                        .count();
                assertThat(same).as(bundle + " " + lang + " texts identical to English").isLessThanOrEqualTo(
                        english.size() / 10);
            }
        }
    }

    private static Set<String> bundles() throws IOException, URISyntaxException {
        Path dir = Path.of(TranslationsTest.class.getResource("/web/i18n").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("_en.properties"))
                    .map(n -> n.substring(0, n.length() - "_en.properties".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
