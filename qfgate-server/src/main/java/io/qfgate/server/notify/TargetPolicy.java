package io.qfgate.server.notify;

import io.qfgate.server.domain.NotifyTargets;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where notifications may go. QFPay's docs allow ports 80 and 443 only; addresses that are not
 * public unicast (loopback, private, link-local, multicast, reserved, documentation, and IPv6
 * forms that embed an IPv4 address) are refused so that a merchant cannot make the gateway call
 * its neighbours. Both are configurable for tests and sandboxes.
 *
 * @param resolver how host names are looked up: the system's, or a test's
 * @param own one URL of this gateway's own that may be called whatever the rules above say (the
 *     sandbox's demo store hears its notices on the gateway's loopback address), or null; its host
 *     serves no other URL
 */
public record TargetPolicy(Set<Integer> allowedPorts, boolean anyPort, boolean allowPrivateAddresses,
        Resolver resolver, URI own) implements NotifyTargets {
    public static final TargetPolicy PRODUCTION = new TargetPolicy(Set.of(80, 443), false, false);
    /** Any port, any address: for tests and sandboxes on one machine. */
    public static final TargetPolicy LOCAL = new TargetPolicy(Set.of(), true, true);

    /** Looks a host name up; the system resolver unless a test gives another. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A target the policy refuses; an IOException so that an HTTP client can fail a connection with it. */
    public static final class Refused extends IOException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** Special-purpose ranges that never hold a merchant's public server (IANA registries). */
    private static final List<Cidr> NOT_PUBLIC = Cidr.all(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32",
            "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    public TargetPolicy {
        allowedPorts = Set.copyOf(allowedPorts);
        java.util.Objects.requireNonNull(resolver);
    }

    public TargetPolicy(Set<Integer> allowedPorts, boolean anyPort, boolean allowPrivateAddresses) {
        this(allowedPorts, anyPort, allowPrivateAddresses, Resolver.SYSTEM, null);
    }

    public TargetPolicy(Set<Integer> allowedPorts, boolean anyPort, boolean allowPrivateAddresses, Resolver resolver) {
        this(allowedPorts, anyPort, allowPrivateAddresses, resolver, null);
    }

    public TargetPolicy withResolver(Resolver newResolver) {
        return new TargetPolicy(allowedPorts, anyPort, allowPrivateAddresses, newResolver, own);
    }

    /** This policy, also allowing exactly {@code url}: an endpoint of the gateway's own. */
    public TargetPolicy allowingOwn(URI url) {
        return new TargetPolicy(allowedPorts, anyPort, allowPrivateAddresses, resolver, url.normalize());
    }

    /**
     * Why this node would not send a notification to {@code url}, or empty if it would: not an
     * absolute http(s) URL, a port not allowed, or (unless private addresses are allowed) a host
     * that does not resolve or resolves to an address that is not public. For checking a URL
     * where it is set (the API, the command line).
     */
    @Override
    public Optional<String> problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL (" + e.getReason() + ")");
        }
        if (isOwn(uri)) {
            return Optional.empty();
        }
        Optional<String> problem = problemWithForm(uri);
        if (problem.isPresent() || allowPrivateAddresses) {
            return problem;
        }
        try {
            addressesOf(uri.getHost());
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** What is wrong with the URL itself (scheme, host, port), without looking the host up. */
    public Optional<String> problemWithForm(URI url) {
        if (isOwn(url)) {
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(scheme.isEmpty() ? "not an absolute URL" : "scheme " + scheme + " is not http or https");
        }
        if (url.getHost() == null) {
            return Optional.of("no host");
        }
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        if (!anyPort && !allowedPorts.contains(port)) {
            return Optional.of("port " + port + " is not allowed (allowed: " + allowedPorts + ")");
        }
        // The own host's addresses skip the address checks (see addressesOf), so it serves the own URL only.
        if (guardsOwnHost() && url.getHost().equalsIgnoreCase(own.getHost())) {
            return Optional.of("host " + url.getHost() + " is this gateway's own");
        }
        return Optional.empty();
    }

    /** Why the URL may not be called, or null if it may. */
    public String refusal(URI url) {
        return problemWith(url.toString()).orElse(null);
    }

    /**
     * The addresses {@code host} may be reached at, resolved once and each checked: the only ones
     * a connection may use, so that a second lookup cannot swap in another (DNS rebinding).
     */
    public List<InetAddress> addressesOf(String host) throws Refused {
        if (guardsOwnHost() && host.equalsIgnoreCase(own.getHost())) {
            // Only the own URL passes problemWithForm with this host, and it is checked before a connection.
            return ownAddresses(host);
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ipv6Literal = name.indexOf(':') >= 0; // no host name has a colon
        List<InetAddress> addresses;
        try {
            // A literal is its own address; only names are looked up.
            boolean ipv4Literal = name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            addresses = ipv6Literal || ipv4Literal ? List.of(InetAddress.getByName(name)) : resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new Refused("host " + name + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new Refused("host " + name + " does not resolve");
        }
        if (!allowPrivateAddresses) {
            for (InetAddress address : addresses) {
                // Java turns an ::ffff:a.b.c.d literal into a.b.c.d; the literal form itself is refused.
                if (isInternal(address) || (ipv6Literal && address instanceof Inet4Address)) {
                    throw new Refused("address " + address.getHostAddress() + " is internal or special-purpose");
                }
            }
        }
        return addresses;
    }

    /** Only a policy that refuses internal addresses needs to make an exception for the own one. */
    private boolean guardsOwnHost() {
        return own != null && !allowPrivateAddresses;
    }

    private boolean isOwn(URI url) {
        if (own == null || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            return false;
        }
        URI u = url.normalize();
        return own.getScheme().equalsIgnoreCase(String.valueOf(u.getScheme())) && own.getHost().equalsIgnoreCase(u.getHost())
                && own.getPort() == u.getPort() && own.getRawPath().equals(u.getRawPath());
    }

    private List<InetAddress> ownAddresses(String host) throws Refused {
        try {
            return host.chars().allMatch(c -> c == '.' || Character.isDigit(c)) || host.startsWith("[")
                    ? List.of(InetAddress.getByName(host.replace("[", "").replace("]", ""))) : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host " + host + " does not resolve");
        }
    }

    static boolean isInternal(InetAddress a) {
        return NOT_PUBLIC.stream().anyMatch(range -> range.contains(a));
    }

    /** An address range written {@code address/prefix}. */
    private record Cidr(byte[] network, int prefix) {
        static List<Cidr> all(String... ranges) {
            return java.util.Arrays.stream(ranges).map(Cidr::of).toList();
        }

        static Cidr of(String range) {
            int slash = range.indexOf('/');
            try {
                // Literals only: getByAddress-style parsing, no lookup.
                byte[] network = InetAddress.getByName(range.substring(0, slash)).getAddress();
                if (range.startsWith("::ffff:")) {
                    network = mapped(network);
                }
                return new Cidr(network, Integer.parseInt(range.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(range, e);
            }
        }

        /** Java parses ::ffff:0:0 as IPv4 0.0.0.0; the range is the IPv6 one. */
        private static byte[] mapped(byte[] v4) {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(v4, 0, v6, 12, 4);
            return v6;
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
