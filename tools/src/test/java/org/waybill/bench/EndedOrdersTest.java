package org.waybill.bench;

import org.junit.jupiter.api.Test;
import org.waybill.load.Database;
import org.waybill.stack.StackSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndedOrdersTest {
    /** A watcher that cannot read the database fails the run, rather than letting it place fewer orders unseen. */
    @Test
    void aWatcherThatLostTheDatabaseFailsTheRunWhenClosed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing answers there
        }
        StackSettings settings = StackSettings.from(Path.of("/tmp/w"), Path.of("/tmp/d"),
                Map.of("WAYBILL_DB_PORT", Integer.toString(closedPort))::get);
        EndedOrders watcher = new EndedOrders(new Database(settings), "bench-test", new Semaphore(0));

        IllegalStateException failed = assertThrows(IllegalStateException.class, watcher::close);
        assertInstanceOf(SQLException.class, failed.getCause(), failed.toString());
    }
}
