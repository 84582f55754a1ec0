package io.qfgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.server.Python;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notification bodies are written byte for byte as Python's {@code json.dumps} writes the same object. */
class PythonJsonTest {
    /** Every kind of character json.dumps treats in its own way. */
    static Map<String, String> awkward() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", "1");
        m.put("empty", "");
        m.put("goods_name", "港式奶茶 🍵");
        m.put("quote_backslash_slash", "say \"hi\" \\ a/b </script>");
        m.put("named_controls", "\n\r\t\b\f");
        m.put("other_controls", "\u0000\u0001\u001f");
        m.put("del_and_latin1", "\u007f\u0080é");
        m.put("line_separators", "\u2028\u2029");
        m.put("lone_surrogate", "\ud800x");
        m.put("non_ascii_key_键", "v");
        return m;
    }

    @Test
    void separatorsAreCommaSpaceAndColonSpace() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", "1");
        m.put("goods_name", "");

        assertThat(PythonJson.dumps(m)).isEqualTo("{\"status\": \"1\", \"goods_name\": \"\"}");
        assertThat(PythonJson.dumps(Map.of())).isEqualTo("{}");
    }

    @Test
    void nonAsciiIsEscapedInLowerCaseHexWithSurrogatePairsBeyondTheBmp() {
        assertThat(PythonJson.dumps(Map.of("goods_name", "港式奶茶 🍵")))
                .isEqualTo("{\"goods_name\": \"\\u6e2f\\u5f0f\\u5976\\u8336 \\ud83c\\udf75\"}");
    }

    @Test
    void slashIsNotEscapedButQuoteBackslashAndControlsAre() {
        assertThat(PythonJson.dumps(Map.of("v", "a/b\"\\\n\u0001\u007f")))
                .isEqualTo("{\"v\": \"a/b\\\"\\\\\\n\\u0001\\u007f\"}");
    }

    @Test
    void theOutputIsAsciiAndReadsBackAsTheSameObject() throws Exception {
        String written = PythonJson.dumps(awkward());

        assertThat(written).matches("\\p{ASCII}*");
        assertThat(new ObjectMapper().readValue(written, new TypeReference<LinkedHashMap<String, String>>() {}))
                .containsExactlyEntriesOf(awkward());
    }

    @Test
    void pythonsJsonDumpsWritesExactlyTheSameBytes() {
        // The output decodes to the original object (test above); json.dumps of that object must be the output.
        String written = PythonJson.dumps(awkward());

        String python = Python.run("""
                import json, sys
                sys.stdout.write(json.dumps(json.loads(sys.stdin.buffer.read())))
                """, written.getBytes(StandardCharsets.US_ASCII));

        assertThat(written).isEqualTo(python);
    }
}
