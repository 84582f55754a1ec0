package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form bodies and query strings both protocols send. */
class FormEncodingTest {

    @Test
    void pairsKeepTheMapsOrderJoinedByAmpersands() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("txamt", "300");
        params.put("pay_type", "801101");
        params.put("out_trade_no", "A1");

        assertThat(FormEncoding.encode(params)).isEqualTo("txamt=300&pay_type=801101&out_trade_no=A1");
    }

    @Test
    void namesAndValuesAreUrlEncodedInUtf8() {
        assertThat(FormEncoding.encode(Map.of("goods name", "咖啡 & tea=1+1")))
                .isEqualTo("goods+name=%E5%92%96%E5%95%A1+%26+tea%3D1%2B1");
    }

    @Test
    void anEmptyValueKeepsItsName() {
        assertThat(FormEncoding.encode(Map.of("note", ""))).isEqualTo("note=");
    }

    @Test
    void noParametersIsAnEmptyForm() {
        assertThat(FormEncoding.encode(Map.of())).isEmpty();
    }
}
