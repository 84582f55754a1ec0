package io.qfgate.server.domain;

import io.qfgate.protocol.Respcd;

/**
 * Which merchant a call is for. The QFPay rule: an agent names its sub-merchant by {@code mchid}
 * in every call; a merchant app never sends {@code mchid}. An app reaches only its own merchants.
 */
public final class Merchants {
    private final Stores.Apps apps;

    public Merchants(Stores.Apps apps) {
        this.apps = apps;
    }

    public Merchant resolve(App app, String mchid) {
        Merchant merchant;
        if (app.isAgent()) {
            if (mchid == null) {
                throw Refusal.parameter("mchid", "required: this app is an agent, name the sub-merchant");
            }
            merchant = apps.merchantByMchid(app.id(), mchid)
                    .orElseThrow(() -> Refusal.parameter("mchid", "no sub-merchant " + mchid + " under this app"));
        } else {
            if (mchid != null) {
                throw Refusal.parameter("mchid", "must not be sent: this app has no sub-merchants");
            }
            merchant = apps.merchantOfApp(app.id())
                    .orElseThrow(() -> new Refusal(Respcd.STORE_NOT_CONFIGURED, "this app has no merchant configured"));
        }
        return merchant;
    }

    /**
     * The merchants a statement covers: without {@code mchid}, every sub-merchant of an agent
     * (QFPay's statement takes no mchid); otherwise as {@link #resolve}.
     */
    public java.util.List<Merchant> statementScope(App app, String mchid) {
        if (app.isAgent() && mchid == null) {
            return apps.merchantsOfApp(app.id());
        }
        return java.util.List.of(resolve(app, mchid));
    }

    /** Every merchant the app reaches: a merchant app's one, an agent's sub-merchants. */
    public java.util.List<Merchant> ofApp(App app) {
        return apps.merchantsOfApp(app.id());
    }

    /** As {@link #resolve}, for calls that move money: the merchant must also be enabled. */
    public Merchant resolveEnabled(App app, String mchid) {
        Merchant merchant = resolve(app, mchid);
        if (!merchant.enabled()) {
            throw new Refusal(Respcd.STORE_DISABLED, "merchant " + merchant.name() + " is disabled");
        }
        return merchant;
    }
}
