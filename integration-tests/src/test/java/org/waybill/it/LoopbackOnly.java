package org.waybill.it;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** An endpoint without users must be the host's alone: nothing answers on the host's other addresses. */
final class LoopbackOnly {
    private LoopbackOnly() {
    }

    static void assertListensOnLoopbackOnly(int port, String what) throws IOException {
        List<InetAddress> outside = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            Collections.list(nic.getInetAddresses()).stream()
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).forEach(outside::add);
        }
        for (InetAddress address : outside) {
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                }
            }, what + " answers on " + address);
        }
    }
}
