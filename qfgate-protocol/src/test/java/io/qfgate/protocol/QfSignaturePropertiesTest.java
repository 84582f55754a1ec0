package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of the QFPay parameter signature over arbitrary requests: parameter names are ASCII,
 * values are any Unicode text (what a UTF-8 form body can decode to, supplementary characters
 * included).
 *
 * <p>Each property runs over a fixed list of edge cases and then {@value #CASES} requests drawn
 * from a {@link Random} seeded with {@value #SEED}, so every run checks the same inputs; a failure
 * names the seed and the case number.
 */
class QfSignaturePropertiesTest {

    private static final long SEED = 0x5EED_0F_5167L;
    private static final int CASES = 1000;
    private static final int MAX_PARAMS = 12;
    private static final int MAX_NAME_LENGTH = 16;
    private static final int MAX_VALUE_LENGTH = 20;

    private static final String ZEROS_KEY = "0".repeat(32);
    private static final String FS_KEY = "F".repeat(32);
    private static final List<String> EDGE_KEYS = List.of(ZEROS_KEY, FS_KEY, "0123456789ABCDEF".repeat(2));

    /** Requests worth checking every time, whatever the random ones happen to be. */
    private static final List<Map<String, String>> EDGE_PARAMS = List.of(
            params(),                                                     // nothing to sign but the key
            params("a", ""),                                              // empty value
            params("b", "2", "a", "1"),                                   // given out of order
            params("\u0000", "\u0000"),                                   // NUL in name and value
            params("\u007f", "\uffff"),                                   // DEL name, last BMP code point
            params("gap", "\ud7ff\ue000"),                                // either side of the surrogate range
            params("emoji", "😀", "clef", "𝄞", "max", "\udbff\udfff"),   // outside the basic plane, up to U+10FFFF
            params("mixed", "a😀b中c€"),
            params("a=b", "c&d", "c", "=", "&", "&&"),                   // the separators inside names and values
            params("a", "1", "Z", "2", "_", "3", "0", "4", " ", "5"),   // byte order: ' ' < '0' < 'Z' < '_' < 'a'
            params("ab", "2", "a\u0000", "3", "a", "1"),                 // a name before its extensions
            largest());

    /** One edge or random input: the request, a client key, and where it came from. */
    private record Case(String origin, Map<String, String> params, String key) {
        @Override
        public String toString() {
            return origin + ": params=" + show(params) + ", key=" + key;
        }
    }

    // --- properties ---------------------------------------------------------------------------

    @Test
    void verifyParams_ownSignature_isAccepted() {
        for (Case c : cases(new Random(SEED), 0)) {
            for (SignType type : SignType.values()) {
                String sign = QfSignature.signParams(c.params(), c.key(), type);

                assertThat(QfSignature.verifyParams(c.params(), c.key(), type, sign)).as("%s, %s", c, type).isTrue();
            }
        }
    }

    @Test
    void verifyParams_ownSignatureInLowerCase_isAccepted() {
        for (Case c : cases(new Random(SEED), 0)) {
            for (SignType type : SignType.values()) {
                String sign = QfSignature.signParams(c.params(), c.key(), type).toLowerCase(Locale.ROOT);

                assertThat(QfSignature.verifyParams(c.params(), c.key(), type, sign)).as("%s, %s", c, type).isTrue();
            }
        }
    }

    @Test
    void verifyParams_anySingleChangedValue_isRejected() {
        Random random = new Random(SEED);
        record Tampering(Case original, String name, String replacement) {}
        List<Tampering> tamperings = new ArrayList<>(List.of(
                new Tampering(edge(params("a", ""), ZEROS_KEY), "a", "x"),
                new Tampering(edge(params("a", "x"), ZEROS_KEY), "a", ""),
                new Tampering(edge(params("a", "😀"), FS_KEY), "a", "😁"),               // low surrogate differs
                new Tampering(edge(params("a", "\ud83d\ude00"), FS_KEY), "a", "\ud83e\ude00"), // high surrogate differs
                new Tampering(edge(params("a", "\uffff"), ZEROS_KEY), "a", "\ue000"),
                new Tampering(edge(params("a", "1", "b", "2"), ZEROS_KEY), "b", "2\u0000"), // trailing NUL
                new Tampering(edge(params("a", "1", "b", "2"), ZEROS_KEY), "a", "1&b=2")));
        for (Case c : cases(random, 1)) {
            List<String> names = new ArrayList<>(c.params().keySet());
            String name = names.get(random.nextInt(names.size()));
            String replacement;
            do {
                replacement = value(random);
            } while (replacement.equals(c.params().get(name)));
            tamperings.add(new Tampering(c, name, replacement));
        }

        for (Tampering t : tamperings) {
            Map<String, String> tampered = new LinkedHashMap<>(t.original().params());
            tampered.put(t.name(), t.replacement());
            for (SignType type : SignType.values()) {
                String sign = QfSignature.signParams(t.original().params(), t.original().key(), type);

                assertThat(QfSignature.verifyParams(tampered, t.original().key(), type, sign))
                        .as("%s, %s, %s := %s", t.original(), type, show(t.name()), show(t.replacement()))
                        .isFalse();
            }
        }
    }

    @Test
    void verifyParams_anotherKey_isRejected() {
        Random random = new Random(SEED);
        record KeyPair(Case c, String otherKey) {}
        List<KeyPair> pairs = new ArrayList<>(List.of(
                new KeyPair(edge(params(), ZEROS_KEY), "0".repeat(31) + "1"), // last character differs
                new KeyPair(edge(params(), ZEROS_KEY), "1" + "0".repeat(31)), // first character differs
                new KeyPair(edge(params("a", "1"), FS_KEY), ZEROS_KEY)));
        for (Case c : cases(random, 0)) {
            String otherKey;
            do {
                otherKey = clientKey(random);
            } while (otherKey.equals(c.key()));
            pairs.add(new KeyPair(c, otherKey));
        }

        for (KeyPair p : pairs) {
            for (SignType type : SignType.values()) {
                String sign = QfSignature.signParams(p.c().params(), p.c().key(), type);

                assertThat(QfSignature.verifyParams(p.c().params(), p.otherKey(), type, sign))
                        .as("%s, %s, otherKey=%s", p.c(), type, p.otherKey())
                        .isFalse();
            }
        }
    }

    @Test
    void canonical_shuffledParameters_giveTheSameString() {
        Random random = new Random(SEED);
        for (Case c : cases(random, 0)) {
            List<Map.Entry<String, String>> entries = new ArrayList<>(c.params().entrySet());
            Collections.shuffle(entries, random);
            Map<String, String> shuffled = new LinkedHashMap<>();
            entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));

            assertThat(QfSignature.canonical(shuffled))
                    .as("%s, shuffled=%s", c, show(shuffled))
                    .isEqualTo(QfSignature.canonical(c.params()));
        }
    }

    @Test
    void canonical_anyParameters_areNamesInByteOrderJoinedAsNameEqualsValueWithAmpersands() {
        for (Case c : cases(new Random(SEED), 0)) {
            // The docs' Python: keys.sort() (code point order, i.e. UTF-8 byte order), '&'.join('%s=%s').
            String expected = c.params().keySet().stream()
                    .sorted((a, b) -> Arrays.compareUnsigned(
                            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
                    .map(k -> k + "=" + c.params().get(k))
                    .collect(Collectors.joining("&"));

            assertThat(QfSignature.canonical(c.params())).as("%s", c).isEqualTo(expected);
        }
    }

    @Test
    void signParams_anyParameters_isTheSignatureOfTheCanonicalStringAsABody() {
        for (Case c : cases(new Random(SEED), 0)) {
            byte[] canonical = QfSignature.canonical(c.params()).getBytes(StandardCharsets.UTF_8);
            for (SignType type : SignType.values()) {
                assertThat(QfSignature.signParams(c.params(), c.key(), type))
                        .as("%s, %s", c, type)
                        .isEqualTo(QfSignature.signBody(canonical, c.key(), type));
            }
        }
    }

    // --- inputs -------------------------------------------------------------------------------

    /** The edge requests with at least {@code minSize} parameters, then {@value #CASES} random ones. */
    private static List<Case> cases(Random random, int minSize) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < EDGE_PARAMS.size(); i++) {
            if (EDGE_PARAMS.get(i).size() >= minSize) {
                cases.add(new Case("edge case " + i, EDGE_PARAMS.get(i), EDGE_KEYS.get(i % EDGE_KEYS.size())));
            }
        }
        for (int i = 0; i < CASES; i++) {
            cases.add(new Case("seed " + SEED + ", case " + i, params(random, minSize), clientKey(random)));
        }
        return cases;
    }

    private static Case edge(Map<String, String> params, String key) {
        return new Case("edge case", params, key);
    }

    /** Between {@code minSize} and {@value #MAX_PARAMS} parameters with distinct names. */
    private static Map<String, String> params(Random random, int minSize) {
        int size = minSize + random.nextInt(MAX_PARAMS - minSize + 1);
        Map<String, String> params = new LinkedHashMap<>();
        while (params.size() < size) {
            params.put(name(random), value(random));
        }
        return params;
    }

    /** 1 to {@value #MAX_NAME_LENGTH} ASCII characters, control characters included. */
    private static String name(Random random) {
        int length = 1 + random.nextInt(MAX_NAME_LENGTH);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append((char) random.nextInt(0x80));
        }
        return name.toString();
    }

    /**
     * Up to {@value #MAX_VALUE_LENGTH} Unicode scalar values: mostly printable ASCII, often any BMP
     * character, sometimes one outside the basic plane. Lone surrogates cannot come out of a UTF-8
     * decoder, so none are generated.
     */
    private static String value(Random random) {
        int length = random.nextInt(MAX_VALUE_LENGTH + 1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            int codePoint;
            if (pick < 6) {
                codePoint = random.nextInt(0x20, 0x7f);
            } else if (pick < 9) {
                do {
                    codePoint = random.nextInt(0x10000);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
            } else {
                codePoint = random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
            }
            value.appendCodePoint(codePoint);
        }
        return value.toString();
    }

    /** 32 upper-case hex digits, the shape of a QFPay client key. */
    private static String clientKey(Random random) {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append("0123456789ABCDEF".charAt(random.nextInt(16)));
        }
        return key.toString();
    }

    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(params);
    }

    /** {@value #MAX_PARAMS} parameters with the longest names and values, in reverse order. */
    private static Map<String, String> largest() {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = MAX_PARAMS - 1; i >= 0; i--) {
            String name = ("name" + i + "_").repeat(4).substring(0, MAX_NAME_LENGTH);
            params.put(name, "中😀".repeat(MAX_VALUE_LENGTH / 2));
        }
        return Collections.unmodifiableMap(params);
    }

    // --- failure messages ---------------------------------------------------------------------

    private static String show(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> show(e.getKey()) + "=" + show(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Quoted, with everything but printable ASCII as {@code \\u{hex}} so the message stays readable. */
    private static String show(String text) {
        StringBuilder shown = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                shown.append('\\').append((char) cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                shown.append((char) cp);
            } else {
                shown.append("\\u{").append(Integer.toHexString(cp)).append('}');
            }
        });
        return shown.append('"').toString();
    }
}
