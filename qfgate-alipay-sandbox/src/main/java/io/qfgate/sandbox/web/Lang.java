package io.qfgate.sandbox.web;

/** The page languages, chosen by the {@code lang} query parameter as in the QFPay checkout. */
public enum Lang {
    EN("en", "en", "English"),
    ZH_CN("zh-cn", "zh-CN", "简体中文"),
    ZH_HK("zh-hk", "zh-HK", "繁體中文");

    private final String code;
    private final String htmlLang;
    private final String label;

    Lang(String code, String htmlLang, String label) {
        this.code = code;
        this.htmlLang = htmlLang;
        this.label = label;
    }

    /** The value of the {@code lang} parameter. */
    public String code() {
        return code;
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String htmlLang() {
        return htmlLang;
    }

    /** The language's name in itself, for the switcher. */
    public String label() {
        return label;
    }

    /** English unless the parameter names another page language (case-insensitive, - or _). */
    public static Lang of(String param) {
        if (param != null) {
            String normal = param.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            for (Lang lang : values()) {
                if (lang.code.equals(normal)) {
                    return lang;
                }
            }
        }
        return EN;
    }
}
