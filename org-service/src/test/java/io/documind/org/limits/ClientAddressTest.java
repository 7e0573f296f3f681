package io.documind.org.limits;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Unit: the key a client address is counted by. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItself() throws Exception {
        assertEquals("203.0.113.7", ClientAddress.of(InetAddress.getByName("203.0.113.7")));
        assertEquals("203.0.113.7", ClientAddress.of(InetAddress.getByName("::ffff:203.0.113.7")));
    }

    @Test
    void ipv6AddressesOfOneSlash64CountAsOne() throws Exception {
        String one = ClientAddress.of(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", one);
        assertEquals(one, ClientAddress.of(InetAddress.getByName("2001:db8:1:2::1")));
        assertNotEquals(one, ClientAddress.of(InetAddress.getByName("2001:db8:1:3::1")));
        assertEquals("0:0:0:0:0:0:0:0/64", ClientAddress.of(InetAddress.getByName("::1")));
    }
}
