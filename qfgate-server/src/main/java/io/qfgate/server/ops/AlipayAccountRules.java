package io.qfgate.server.ops;

import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.server.store.AlipaySettings;
import io.qfgate.server.store.SqlSandboxPartner;

/**
 * What a production Alipay account must be, checked the same way by {@code ./qfgate alipay set}
 * and the operators' console. Each problem names its setting; none repeats a key.
 */
final class AlipayAccountRules {
    private AlipayAccountRules() {}

    /** The first problem with {@code next}, or null when it may be saved. */
    static String problem(AlipaySettings next, SqlSandboxPartner.Partner sandbox) {
        String problem = form(next);
        return problem != null ? problem : notTheSandbox(next, sandbox);
    }

    private static String form(AlipaySettings a) {
        if (a.partner() == null || !a.partner().matches("2088\\d{12}")) {
            return "partner must be 2088 followed by 12 digits";
        }
        if (a.gatewayUrl() == null || !a.gatewayUrl().matches("https?://[^/?#\\s]+/\\S*")
                || a.gatewayUrl().length() > 256) {
            return "gateway URL must be Alipay's gateway.do URL (http or https), e.g. https://intlmapi.alipay.com/gateway.do";
        }
        if (AlipaySetup.isSandboxUrl(a.gatewayUrl())) {
            return "gateway URL names an embedded sandbox; a production account never pays there";
        }
        return switch (a.signType()) {
            case "MD5" -> a.md5Key() == null || a.md5Key().isBlank() ? "MD5 key is required for MD5" : null;
            case "RSA2" -> {
                if (a.rsaPrivateKey() == null) {
                    yield "RSA private key is required for RSA2";
                }
                try {
                    MapiSignature.privateKey(a.rsaPrivateKey());
                    yield null;
                } catch (IllegalArgumentException e) {
                    yield "RSA private key: " + e.getMessage();
                }
            }
            default -> "sign type must be MD5 or RSA2";
        };
    }

    /** The sandbox's partner signs sandbox traffic only: it can never become the production account. */
    private static String notTheSandbox(AlipaySettings next, SqlSandboxPartner.Partner sandbox) {
        if (sandbox == null) {
            return null;
        }
        if (next.partner().equals(sandbox.partner()) || sandbox.md5Key().equals(next.md5Key())) {
            return "that is the sandbox's own partner; a production account needs Alipay's partner id and key";
        }
        return null;
    }
}
