package io.qfgate.server.api;

import java.util.Map;

/**
 * Writes a flat object of strings exactly as Python's {@code json.dumps} does with its defaults,
 * because QFPay's only notification-verification sample re-serialises the parsed body with
 * {@code json.dumps(data)} before hashing: a body in any other shape fails that check. So:
 * separators {@code ", "} and {@code ": "}; ASCII-only output, everything outside space..tilde
 * escaped as lower-case {@code \}{@code uXXXX} (UTF-16 units, so non-BMP characters become
 * surrogate pairs); {@code \" \\ \n \r \t \b \f} as Python writes them; {@code /} not escaped.
 * Hand-written rather than Jackson's {@code ESCAPE_NON_ASCII}, which writes upper-case hex.
 */
final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {}

    /** The object in the map's iteration order; values are strings, as in QFPay's notices. */
    static String dumps(Map<String, String> fields) {
        StringBuilder out = new StringBuilder(512).append('{');
        String separator = "";
        for (Map.Entry<String, String> e : fields.entrySet()) {
            out.append(separator);
            string(out, e.getKey());
            out.append(": ");
            string(out, e.getValue());
            separator = ", ";
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    }
                }
            }
        }
        out.append('"');
    }
}
