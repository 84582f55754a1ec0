package io.qfgate.sandbox.web;

import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.ErrorCode;
import io.qfgate.sandbox.ledger.MapiException;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The partners the sandbox serves, and the check every signed {@code gateway.do} call passes. */
public final class Partners {
    private final Map<String, Partner> byId = new HashMap<>();
    private final Map<String, PublicKey> rsaKeys = new HashMap<>();

    /** Parses the RSA keys now, so that a broken key stops the start rather than a payment. */
    public Partners(List<Partner> partners) {
        for (Partner p : partners) {
            if (byId.putIfAbsent(p.partnerId(), p) != null) {
                throw new IllegalArgumentException("partner " + p.partnerId() + " is configured twice");
            }
            if (p.rsaPublicKeyBase64() != null && !p.rsaPublicKeyBase64().isBlank()) {
                rsaKeys.put(p.partnerId(), MapiSignature.publicKey(p.rsaPublicKeyBase64()));
            }
        }
    }

    public Optional<Partner> find(String partnerId) {
        return Optional.ofNullable(partnerId).map(byId::get);
    }

    public Partner require(String partnerId) {
        return find(partnerId).orElseThrow(() -> new IllegalArgumentException("no partner " + partnerId));
    }

    /**
     * Who signed these parameters: the partner must exist, the charset be UTF-8 and the
     * signature verify with the partner's MD5 key or RSA public key.
     */
    Partner authenticate(Map<String, String> params) throws MapiException {
        String partnerId = params.get("partner");
        Partner partner = find(partnerId).orElseThrow(() -> new MapiException(ErrorCode.ILLEGAL_PARTNER,
                partnerId == null || partnerId.isEmpty() ? "partner is missing" : "partner " + partnerId + " is unknown"));
        String charset = params.get("_input_charset");
        if (charset != null && !charset.isEmpty() && !charset.equalsIgnoreCase("UTF-8")) {
            throw new MapiException(ErrorCode.ILLEGAL_CHARSET, "_input_charset must be UTF-8, not " + charset);
        }
        String sign = params.get("sign");
        if (sign == null || sign.isEmpty()) {
            throw new MapiException(ErrorCode.ILLEGAL_SIGN, "sign is missing");
        }
        String signType = params.getOrDefault("sign_type", "");
        boolean valid = switch (signType) {
            case MapiSignature.MD5 -> MapiSignature.verifyMd5(params, partner.md5Key(), sign);
            case MapiSignature.RSA2 -> {
                PublicKey key = rsaKeys.get(partner.partnerId());
                if (key == null) {
                    throw new MapiException(ErrorCode.ILLEGAL_SIGN_TYPE,
                            "partner " + partner.partnerId() + " has no RSA public key configured; sign with MD5");
                }
                yield MapiSignature.verifyRsa2(params, key, sign);
            }
            default -> throw new MapiException(ErrorCode.ILLEGAL_SIGN_TYPE,
                    "sign_type must be MD5 or RSA2, not '" + signType + "'");
        };
        if (!valid) {
            throw new MapiException(ErrorCode.ILLEGAL_SIGN, "the " + signType
                    + " signature does not match the parameters (sorted, without sign, sign_type and empty values)");
        }
        return partner;
    }
}
