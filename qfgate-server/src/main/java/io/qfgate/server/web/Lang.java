package io.qfgate.server.web;

import java.util.Locale;

/** The page languages, as QFPay's checkout names them in its {@code lang} parameter. */
public enum Lang {
    EN("en", "en", "English"),
    ZH_CN("zh-cn", "zh-CN", "简体中文"),
    ZH_HK("zh-hk", "zh-HK", "繁體中文");

    /** The cookie that remembers a language chosen on the consoles, for every page that has no {@code lang}. */
    public static final String COOKIE = "qfgate_lang";

    private final String code;
    private final String htmlLang;
    private final String label;

    Lang(String code, String htmlLang, String label) {
        this.code = code;
        this.htmlLang = htmlLang;
        this.label = label;
    }

    /** The value of the {@code lang} parameter, and the suffix of the text bundles. */
    public String code() {
        return code;
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String htmlLang() {
        return htmlLang;
    }

    /** The language's name in itself, for a language switcher. */
    public String label() {
        return label;
    }

    /**
     * The page language: the {@code lang} parameter when it names one, else the first of the
     * browser's {@code Accept-Language} ranges that does (by quality), else English. Chinese
     * without a region, or with a mainland or Singapore one, is Simplified; Hong Kong, Macau and
     * Taiwan are Traditional.
     */
    public static Lang choose(String param, String acceptLanguage) {
        Lang named = named(param);
        if (named != null) {
            return named;
        }
        if (acceptLanguage != null && acceptLanguage.length() <= 512) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Lang lang = ofRange(range.getRange());
                    if (lang != null) {
                        return lang;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return EN; // a header we cannot read chooses nothing
            }
        }
        return EN;
    }

    /** The language a {@code lang} value names (case-insensitive, {@code -} or {@code _}), or null. */
    public static Lang named(String param) {
        if (param == null) {
            return null;
        }
        String normal = param.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Lang lang : values()) {
            if (lang.code.equals(normal)) {
                return lang;
            }
        }
        return null;
    }

    private static Lang ofRange(String range) {
        String r = range.toLowerCase(Locale.ROOT);
        if (r.equals("en") || r.startsWith("en-")) {
            return EN;
        }
        if (r.equals("zh") || r.startsWith("zh-")) {
            return r.matches("zh-(hk|mo|tw|hant.*)") ? ZH_HK : ZH_CN;
        }
        return null;
    }
}
