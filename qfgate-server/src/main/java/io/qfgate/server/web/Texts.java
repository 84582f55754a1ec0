package io.qfgate.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sentences of one group of pages in one language, read from
 * {@code /web/i18n/<bundle>_<lang>.properties} (UTF-8). Every bundle exists in every language
 * with the same keys ({@code TranslationsTest} keeps it so); a missing key is a bug, so it fails
 * loudly instead of showing a blank. Placeholders {@code {0}}, {@code {1}} are replaced literally.
 */
public final class Texts {
    private static final Map<String, Texts> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final Lang lang;
    private final Properties texts;

    private Texts(String name, Lang lang, Properties texts) {
        this.name = name;
        this.lang = lang;
        this.texts = texts;
    }

    public static Texts of(String bundle, Lang lang) {
        return LOADED.computeIfAbsent(bundle + "_" + lang.code(), file -> new Texts(file, lang, load(file)));
    }

    public Lang lang() {
        return lang;
    }

    public String get(String key) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key + " in " + name);
        }
        return text;
    }

    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    static Properties load(String file) {
        String path = "/web/i18n/" + file + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no text bundle " + path);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
