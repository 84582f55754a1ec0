package io.qfgate.sandbox.web;

import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MAPI's synchronous XML answers:
 * {@code <alipay><is_success>T</is_success><request>…</request><response><trade>…</trade></response>
 * <sign>…</sign><sign_type>MD5</sign_type></alipay>}, or {@code is_success F} with an
 * {@code <error>} code. The sign is Alipay's signature for the partner (RSA2 with the sandbox's
 * key for an RSA2 partner, else MD5 with the partner key) of the fields inside the response
 * element, computed as for requests.
 */
final class MapiXml {
    private MapiXml() {}

    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";

    static String success(Map<String, String> request, String element, Map<String, String> fields,
            AlipaySigner signer, Partner partner) {
        return envelope(request, "<" + element + ">\n" + leaves(fields) + "</" + element + ">\n", fields, signer,
                partner);
    }

    /**
     * {@code alipay.overseas.acquire.customs.query}'s answer, as Alipay lays it out:
     * {@code <response><alipay><result_code>SUCCESS</result_code><records><customs_declare>…
     * </customs_declare></records></alipay></response>}, with {@code <not_found>} (the numbers
     * without a declaration, comma-separated) instead of or beside the records. The sign covers
     * every leaf field of the answer ({@code result_code}, {@code not_found}, the record's).
     */
    static String customsQuery(Map<String, String> request, Map<String, String> record, String notFound,
            AlipaySigner signer, Partner partner) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("result_code", "SUCCESS");
        StringBuilder body = new StringBuilder("<alipay>\n<result_code>SUCCESS</result_code>\n");
        if (notFound != null) {
            signed.put("not_found", notFound);
            body.append("<not_found>").append(escape(notFound)).append("</not_found>\n");
        }
        if (record != null) {
            signed.putAll(record);
            body.append("<records>\n<customs_declare>\n").append(leaves(record))
                    .append("</customs_declare>\n</records>\n");
        }
        return envelope(request, body.append("</alipay>\n").toString(), signed, signer, partner);
    }

    private static String leaves(Map<String, String> fields) {
        StringBuilder xml = new StringBuilder();
        fields.forEach((name, value) -> xml.append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append(">\n"));
        return xml.toString();
    }

    private static String envelope(Map<String, String> request, String response, Map<String, String> signed,
            AlipaySigner signer, Partner partner) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay>\n")
                .append("<is_success>T</is_success>\n<request>\n");
        request.forEach((name, value) -> {
            if (!name.equals("sign")) {
                xml.append("<param name=\"").append(escape(name)).append("\">").append(escape(value)).append("</param>\n");
            }
        });
        return xml.append("</request>\n<response>\n").append(response).append("</response>\n")
                .append("<sign>").append(escape(signer.sign(partner, signed))).append("</sign>\n")
                .append("<sign_type>").append(signer.signType(partner)).append("</sign_type>\n</alipay>\n")
                .toString();
    }

    /** A refusal; {@code <error_detail>} is the sandbox's addition, in English, for developers. */
    static String failure(ErrorCode code, String detail) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay>\n<is_success>F</is_success>\n<error>"
                + code.name() + "</error>\n<error_detail>" + escape(detail) + "</error_detail>\n</alipay>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
