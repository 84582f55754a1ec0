package io.qfgate.sandbox.web;

import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.ErrorCode;
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
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay>\n")
                .append("<is_success>T</is_success>\n<request>\n");
        request.forEach((name, value) -> {
            if (!name.equals("sign")) {
                xml.append("<param name=\"").append(escape(name)).append("\">").append(escape(value)).append("</param>\n");
            }
        });
        xml.append("</request>\n<response>\n<").append(element).append(">\n");
        fields.forEach((name, value) -> xml.append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append(">\n"));
        return xml.append("</").append(element).append(">\n</response>\n")
                .append("<sign>").append(escape(signer.sign(partner, fields))).append("</sign>\n")
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
