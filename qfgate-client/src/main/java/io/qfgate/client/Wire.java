package io.qfgate.client;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.QfTime;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QFPay's wire shapes, shared by every call and by {@link NotificationVerifier}: answers and
 * notifications are flat JSON objects of strings, and each typed record names its fields after
 * them ({@code outTradeNo} ↔ {@code out_trade_no}), so one mapping fills all of them.
 */
final class Wire {
    private Wire() {}

    /** The id under which {@link #toRecord} hands the whole field map to a record's {@code raw}. */
    static final String RAW = "raw";

    // A duplicated key could be read one way by us and another way by whoever signed the body.
    // Records are filled by snake_case name; fields the record does not name stay in its raw map.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The body as a flat field map, or null when it is not a JSON object. Nested values (a query's
     * {@code data}) are kept as their JSON text; JSON nulls are left out, as if absent.
     */
    static Map<String, String> parseObject(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? flatten(root) : null;
        } catch (IOException e) { // Jackson's parse errors are IOExceptions
            return null;
        }
    }

    /** A nested object of a signed answer (add_note's {@code data}); null when absent. */
    static Map<String, String> nestedObject(String json, String field) {
        JsonNode node = readNested(json, field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed(field);
        }
        return flatten(node);
    }

    /** A nested list of objects of a signed answer (query's {@code data}); empty when absent. */
    static List<Map<String, String>> nestedList(String json, String field) {
        JsonNode node = readNested(json, field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw malformed(field);
        }
        List<Map<String, String>> objects = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw malformed(field);
            }
            objects.add(flatten(item));
        }
        return List.copyOf(objects);
    }

    /**
     * The answer was signed, so a nested value that does not parse is the gateway's fault,
     * reported like any other malformed answer rather than as a half-filled record.
     */
    private static JsonNode readNested(String json, String field) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw malformed(field);
        }
    }

    private static QfPayException malformed(String field) {
        return new QfPayException(Reason.BAD_RESPONSE,
                "answer's " + field + " does not have the documented JSON shape", 200, null, null, null);
    }

    private static Map<String, String> flatten(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (var e : object.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                fields.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * Builds a record whose {@code String} components are wire fields named in camelCase
     * ({@code cashRefundFeeType} ← {@code cash_refund_fee_type}; absent → null) and whose
     * {@code raw} component receives the whole map.
     */
    static <R extends Record> R toRecord(Class<R> type, Map<String, String> fields) {
        try {
            return JSON.readerFor(type)
                    .with(new InjectableValues.Std().addValue(RAW, fields))
                    .readValue((JsonNode) JSON.valueToTree(fields));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** The parameters refund, reversal and close share (they differ in which are required). */
    static Map<String, String> orderParams(String syssn, String outTradeNo, long txamt, LocalDateTime txdtm,
                                           String mchid, String udid) {
        Map<String, String> p = new LinkedHashMap<>();
        putIfSet(p, "syssn", syssn);
        putIfSet(p, "out_trade_no", outTradeNo);
        p.put("txamt", Long.toString(txamt));
        p.put("txdtm", QfTime.format(txdtm));
        putIfSet(p, "mchid", mchid);
        putIfSet(p, "udid", udid);
        return p;
    }

    /** Request plumbing: optional fields travel (and are signed) only when set. */
    static void putIfSet(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
