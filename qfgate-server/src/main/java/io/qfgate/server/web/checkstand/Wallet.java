package io.qfgate.server.web.checkstand;

import io.qfgate.protocol.PayType;
import java.util.Optional;
import java.util.Set;

/** The wallets the hosted checkout offers, each with its pay type for a desktop and for a phone. */
enum Wallet {
    ALIPAY(PayType.ALIPAY_ONLINE_WEB, PayType.ALIPAY_ONLINE_WAP),
    ALIPAY_HK(PayType.ALIPAY_HK_ONLINE_WEB, PayType.ALIPAY_HK_ONLINE_WAP);

    private final PayType web;
    private final PayType wap;

    Wallet(PayType web, PayType wap) {
        this.web = web;
        this.wap = wap;
    }

    /** The form value that names this wallet. */
    String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Optional<Wallet> ofCode(String code) {
        for (Wallet wallet : values()) {
            if (wallet.code().equals(code)) {
                return Optional.of(wallet);
            }
        }
        return Optional.empty();
    }

    static Optional<Wallet> of(PayType payType) {
        for (Wallet wallet : values()) {
            if (wallet.web == payType || wallet.wap == payType) {
                return Optional.of(wallet);
            }
        }
        return Optional.empty();
    }

    /**
     * The pay type for this device among those the merchant may use: the phone's WAP flow or the
     * desktop's web flow, else the other one (a merchant enabled for only one still gets paid).
     */
    Optional<PayType> payType(boolean phone, Set<PayType> enabled) {
        PayType preferred = phone ? wap : web;
        PayType other = phone ? web : wap;
        return enabled.contains(preferred) ? Optional.of(preferred)
                : enabled.contains(other) ? Optional.of(other) : Optional.empty();
    }
}
