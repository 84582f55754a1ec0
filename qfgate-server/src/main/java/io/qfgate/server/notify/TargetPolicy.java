package io.qfgate.server.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Where notifications may go. QFPay's docs allow ports 80 and 443 only; addresses inside the
 * gateway's own networks (loopback, private, link-local) are refused so that a merchant cannot
 * make the gateway call its neighbours. Both are configurable for tests and sandboxes.
 */
public record TargetPolicy(Set<Integer> allowedPorts, boolean anyPort, boolean allowPrivateAddresses) {
    public static final TargetPolicy PRODUCTION = new TargetPolicy(Set.of(80, 443), false, false);
    /** Any port, any address: for tests and sandboxes on one machine. */
    public static final TargetPolicy LOCAL = new TargetPolicy(Set.of(), true, true);

    public TargetPolicy {
        allowedPorts = Set.copyOf(allowedPorts);
    }

    /** Why the URL may not be called, or null if it may. */
    public String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "scheme " + scheme + " is not http or https";
        }
        if (url.getHost() == null) {
            return "no host";
        }
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        if (!anyPort && !allowedPorts.contains(port)) {
            return "port " + port + " is not allowed (allowed: " + allowedPorts + ")";
        }
        if (!allowPrivateAddresses) {
            try {
                for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                    if (isInternal(address)) {
                        return "address " + address.getHostAddress() + " is internal";
                    }
                }
            } catch (UnknownHostException e) {
                return "host " + url.getHost() + " does not resolve";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // carrier-grade NAT 100.64.0.0/10
    }
}
