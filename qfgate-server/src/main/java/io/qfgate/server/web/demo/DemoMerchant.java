package io.qfgate.server.web.demo;

/** The credentials the demo store signs with: the sandbox's demo merchant app. */
public record DemoMerchant(String appCode, String clientKey) {
    /** Never print the client key. */
    @Override
    public String toString() {
        return "DemoMerchant[" + appCode + "]";
    }
}
