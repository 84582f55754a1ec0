package io.qfgate.server.api;

import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Refusal;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing. The signature is computed over the
 * decoded values, so decoding must be exact: bad percent escapes, bytes that are not UTF-8 and
 * repeated names are refused (1103) rather than guessed at.
 */
final class FormBody {
    /** More parameters than any QFPay call has, with room for a client's extras. */
    static final int MAX_PARAMETERS = 64;

    private FormBody() {}

    static Map<String, String> parse(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.length == 0) {
            return params;
        }
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                String name = decode(body, start, eq < end ? eq : end);
                String value = eq < end ? decode(body, eq + 1, end) : "";
                if (name.isEmpty()) {
                    throw format("a parameter has an empty name");
                }
                if (params.put(name, value) != null) {
                    throw format("parameter " + name + " appears more than once");
                }
                if (params.size() > MAX_PARAMETERS) {
                    throw format("more than " + MAX_PARAMETERS + " parameters");
                }
            }
            start = end + 1;
        }
        return params;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw format("incomplete percent escape in the body");
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw format("invalid percent escape in the body");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw format("parameters must be UTF-8");
        }
    }

    private static Refusal format(String why) {
        return new Refusal(Respcd.REQUEST_FORMAT_ERROR, why);
    }
}
