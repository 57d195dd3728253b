package org.waybill.load;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ports of the stacks the drills, the benchmark and its smoke run start beside each other. */
class OwnStackTest {
    /** Where Linux's default ephemeral ports begin (net.ipv4.ip_local_port_range 32768 60999). */
    private static final int EPHEMERAL_PORTS_BEGIN = 32768;

    @Test
    void postgreSqlOfEverySlotIsOutsideTheEphemeralPorts() {
        // A drill restarts PostgreSQL; a port in the ephemeral range can be taken by a client's connection meanwhile.
        Set<Integer> ports = new HashSet<>();
        for (int slot = 0; slot <= 4; slot++) {
            int port = OwnStack.databasePort(slot);
            assertTrue(port < EPHEMERAL_PORTS_BEGIN, "slot " + slot + ": PostgreSQL on " + port);
            assertTrue(ports.add(port), "slot " + slot + " shares " + port + " with another slot");
        }
    }
}
