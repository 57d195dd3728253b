package org.waybill.outbox;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The notifier notifies only while another node's listener is in PostgreSQL, and on a node alone its commits cost no
 * statement and no executor hand-off but one look a second. The statements are recorded by a data source whose look
 * answers as told.
 */
class OutboxNotifierTest {
    private final List<String> statements = new ArrayList<>();
    private final OutboxWakeUps wakeUps = new OutboxWakeUps();
    private int handOffs;

    @Test
    void aNodeAloneLooksOnceAndNotifiesNobody() {
        notifier(false);
        commits(3);
        assertEquals(List.of("look"), statements, "statements of three commits within a second");
        assertEquals(1, handOffs, "rounds handed to the executor");
    }

    @Test
    void aNodeThatSeesAnotherNodesListenerNotifiesAfterEachCommit() {
        notifier(true);
        commits(2);
        assertEquals(List.of("look", "notify", "notify"), statements, "statements of two commits within a second");
    }

    @Test
    void theListenerIsLookedForAgainOnceTheLookIsASecondOld() throws InterruptedException {
        notifier(false);
        commits(1);
        Thread.sleep(OutboxNotifier.LOOK_EVERY.toMillis() + 100);
        commits(1);
        assertEquals(List.of("look", "look"), statements);
    }

    private void notifier(boolean othersListen) {
        OutboxNotifier notifier = new OutboxNotifier();
        notifier.node = "waybill-1";
        notifier.wakeUps = wakeUps;
        notifier.executor = proxy(ManagedExecutorService.class, (proxy, method, args) -> {
            handOffs++;
            ((Runnable) args[0]).run();
            return null;
        });
        notifier.dataSource = proxy(DataSource.class, (proxy, method, args) -> connection(othersListen));
        notifier.started();
    }

    private void commits(int n) {
        for (int i = 0; i < n; i++) {
            wakeUps.onAppended(new OutboxAppended());
        }
    }

    private Connection connection(boolean othersListen) {
        return proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "prepareStatement" -> statement((String) args[0], othersListen);
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private PreparedStatement statement(String sql, boolean othersListen) {
        String name = sql.contains("pg_notify") ? "notify" : sql.contains("pg_stat_activity") ? "look" : sql;
        return proxy(PreparedStatement.class, (proxy, method, args) -> switch (method.getName()) {
            case "setString", "close" -> null;
            case "execute" -> {
                statements.add(name);
                yield true;
            }
            case "executeQuery" -> {
                statements.add(name);
                yield proxy(ResultSet.class, (rs, m, a) -> switch (m.getName()) {
                    case "next", "getBoolean" -> m.getName().equals("next") || othersListen;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(OutboxNotifierTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
