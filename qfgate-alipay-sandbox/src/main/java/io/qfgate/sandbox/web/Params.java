package io.qfgate.sandbox.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.qfgate.protocol.FormEncoding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request parameters as MAPI sees them, and URLs with parameters. */
final class Params {
    private Params() {}

    /**
     * Query and (for POST) form parameters in one map, first value of each; Alipay accepts a
     * call either way.
     */
    static Map<String, String> of(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        collect(params, ctx.queryParamMap());
        if (ctx.method() == HandlerType.POST) {
            collect(params, ctx.formParamMap());
        }
        return params;
    }

    private static void collect(Map<String, String> into, Map<String, List<String>> from) {
        from.forEach((name, values) -> {
            if (!values.isEmpty()) {
                into.putIfAbsent(name, values.getFirst());
            }
        });
    }

    /** The URL with these parameters added to its query, each encoded. */
    static String append(String url, Map<String, String> params) {
        if (params.isEmpty()) {
            return url;
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + FormEncoding.encode(params) + fragment;
    }
}
