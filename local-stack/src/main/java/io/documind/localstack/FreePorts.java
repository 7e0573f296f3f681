package io.documind.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Port helpers; everything binds to 127.0.0.1 only, so that is where we probe. */
public final class FreePorts {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** An ephemeral port that was free a moment ago (the OS does not hand it out again right away). */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * {@code count} ports free a moment ago, all different: each is held while the next is picked (one after the
     * other, a port just released can be handed out again, and a test that picked eight at once saw two equal).
     */
    public static List<Integer> distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, LOOPBACK));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that accepted nothing
                }
            }
        }
    }

    /** 0 means "any free port". */
    static int orPick(int port) {
        return port == 0 ? pick() : port;
    }

    static boolean isFree(int port) {
        // JDK default SO_REUSEADDR (on, off Windows), like the servers that will bind it, so that connections
        // lingering in TIME_WAIT after a restart do not count as "taken".
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
