package io.qfgate.server.channel.alipay;

import io.qfgate.protocol.FormEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Server-to-server calls to Alipay's {@code gateway.do}: signed requests, XML answers whose
 * signature is checked before a field is believed.
 */
final class MapiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    /** MAPI answers are a few hundred bytes; anything far larger is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The request's order numbers an answer must repeat, when it carries them. */
    private static final List<String> ORDER_KEYS = List.of("out_trade_no", "out_return_no", "out_request_no");

    /** A MAPI refusal ({@code is_success F}) with Alipay's error code, e.g. {@code TRADE_NOT_EXIST}. */
    static final class MapiError extends RuntimeException {
        final String code;

        MapiError(String code, String detail) {
            super(code + (detail == null || detail.isBlank() ? "" : ": " + detail));
            this.code = code;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String gatewayUrl;
    private final MapiSigner signer;

    MapiClient(String gatewayUrl, MapiSigner signer) {
        this.gatewayUrl = gatewayUrl;
        this.signer = signer;
    }

    /**
     * Calls {@code service} and returns the fields of the answer's signed {@code <response>}.
     * Throws {@link MapiError} for a refusal, and an unchecked exception when Alipay cannot be
     * reached or the answer is not a correctly signed answer to this request: a bare
     * {@code is_success T} is refused too, since anyone on the path can write one.
     */
    Map<String, String> call(String service, Map<String, String> businessParams) {
        return callAllowingBare(service, businessParams).orElseThrow(() ->
                new IllegalStateException("Alipay answer to " + service + " has no signed response"));
    }

    /**
     * As {@link #call}, but a bare {@code is_success T} (no {@code <response>}) is empty: for
     * services whose success Alipay may answer without a body; the caller decides what that
     * unsigned success is worth (a close is confirmed by a signed query; a refund's documented
     * answer is nothing more).
     */
    Optional<Map<String, String>> callAllowingBare(String service, Map<String, String> businessParams) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("partner", signer.partner());
        params.put("_input_charset", "UTF-8");
        params.putAll(businessParams);
        signer.sign(params);
        Element root = parse(get(gatewayUrl + "?" + FormEncoding.encode(params)));
        if (!"T".equals(text(root, "is_success"))) {
            throw new MapiError(String.valueOf(text(root, "error")), text(root, "error_detail"));
        }
        Element response = child(root, "response");
        Element content = response == null ? null : firstElement(response);
        if (content == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        leaves(content, fields);
        String sign = text(root, "sign");
        if (sign == null || !signer.verify(fields, text(root, "sign_type"), sign)) {
            throw new IllegalStateException("Alipay answer to " + service + " is unsigned or badly signed");
        }
        requireSameOrder(service, businessParams, fields);
        return Optional.of(fields);
    }

    /** A signed answer about another order (a replayed one, say) must not be taken for this one. */
    private static void requireSameOrder(String service, Map<String, String> request, Map<String, String> answer) {
        for (String key : ORDER_KEYS) {
            String asked = request.get(key);
            String answered = answer.get(key);
            if (asked != null && answered != null && !asked.equals(answered)) {
                throw new IllegalStateException("Alipay answer to " + service + " is about " + key + " " + answered
                        + ", not " + asked);
            }
        }
    }

    /** {@code notify_verify}: did Alipay really send the notification with this id? */
    boolean notifyVerify(String notifyId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "notify_verify");
        params.put("partner", signer.partner());
        params.put("notify_id", notifyId);
        return "true".equals(get(gatewayUrl + "?" + FormEncoding.encode(params)).trim());
    }

    /** The answer's body, read no further than the size limit, so a huge answer costs no memory. */
    private String get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Alipay answered HTTP " + response.statusCode());
                }
                byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (body.length > MAX_ANSWER_BYTES) {
                    throw new IllegalStateException("Alipay answer larger than " + MAX_ANSWER_BYTES + " bytes");
                }
                return new String(body, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Alipay: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling Alipay", e);
        }
    }

    /** Parses with DTDs and external entities off: an answer is data, never instructions to fetch. */
    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Alipay answer is not XML", e);
        }
    }

    /**
     * The answer's leaf fields, at any depth: flat answers ({@code <trade>}, {@code <refund>})
     * and the customs query's {@code <alipay><records><customs_declare>…} alike. A name seen
     * twice (two records, say) cannot be told apart, so it is refused rather than overwritten.
     */
    private static void leaves(Element parent, Map<String, String> fields) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (firstElement(e) != null) {
                    leaves(e, fields);
                } else if (fields.putIfAbsent(e.getTagName(), e.getTextContent()) != null) {
                    throw new IllegalStateException("Alipay answer has two <" + e.getTagName() + "> fields");
                }
            }
        }
    }

    private static Element child(Element parent, String name) {
        return firstElement(parent, e -> e.getTagName().equals(name));
    }

    private static Element firstElement(Element parent) {
        return firstElement(parent, e -> true);
    }

    private static Element firstElement(Element parent, Predicate<Element> wanted) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && wanted.test(e)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent();
    }
}
