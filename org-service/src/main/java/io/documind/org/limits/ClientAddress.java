package io.documind.org.limits;

import io.micronaut.http.HttpRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address limits count a caller by: the TCP peer's, never a header a caller could forge. Behind a proxy every
 * caller shares the proxy's, so per-address limits then bound the proxy's traffic as a whole. An IPv6 caller counts
 * by its /64: one host is routinely given a whole /64 and could otherwise take a fresh address, and a fresh budget,
 * for every request.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        return of(request.getRemoteAddress().getAddress());
    }

    /** The IPv4 address as it is; an IPv6 address as its /64 (IPv4-mapped ones arrive as IPv4 already). */
    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] prefix = address.getAddress(); // a copy of its own
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
