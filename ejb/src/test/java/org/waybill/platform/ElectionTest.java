package org.waybill.platform;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The election lock is held exactly as long as the run: not taken, nothing runs; taken, it is released on the same
 * connection however the run ends, so a pooled connection never keeps it.
 */
class ElectionTest {
    /** What the fake database was asked, in order: each statement with its keys, and the connection's close. */
    private final List<String> calls = new ArrayList<>();

    @Test
    void aNodeThatDoesNotGetTheLockDoesNotRun() {
        boolean ran = election(false).runIfElected("RetentionPurge", () -> calls.add("run"));

        assertFalse(ran);
        assertEquals(List.of("SELECT pg_try_advisory_lock(?, ?) " + keys("RetentionPurge"), "close"), calls);
    }

    @Test
    void theElectedNodeRunsAndThenUnlocksOnTheSameConnection() {
        boolean ran = election(true).runIfElected("DeadLetterRedrive", () -> calls.add("run"));

        assertTrue(ran);
        assertEquals(List.of("SELECT pg_try_advisory_lock(?, ?) " + keys("DeadLetterRedrive"), "run",
                "SELECT pg_advisory_unlock(?, ?) " + keys("DeadLetterRedrive"), "close"), calls);
    }

    @Test
    void aRunThatFailsStillUnlocksAndItsFailureIsThrown() {
        IllegalStateException failure = new IllegalStateException("broker away");

        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> election(true).runIfElected("RetentionPurge", () -> {
                    throw failure;
                })));
        assertEquals(List.of("SELECT pg_try_advisory_lock(?, ?) " + keys("RetentionPurge"),
                "SELECT pg_advisory_unlock(?, ?) " + keys("RetentionPurge"), "close"), calls);
    }

    private static String keys(String task) {
        return "[" + Election.NAMESPACE + ", " + task.hashCode() + "]";
    }

    /** An election on one fake connection whose try-lock answers {@code locked}. */
    private Election election(boolean locked) {
        Election election = new Election();
        election.dataSource = fake(DataSource.class, (name, args) -> name.equals("getConnection")
                ? fake(Connection.class, (c, cArgs) -> switch (c) {
                    case "prepareStatement" -> statement((String) cArgs[0], locked);
                    case "close" -> calls.add("close");
                    default -> null;
                })
                : null);
        return election;
    }

    private PreparedStatement statement(String sql, boolean locked) {
        List<Object> keys = new ArrayList<>();
        return fake(PreparedStatement.class, (name, args) -> switch (name) {
            case "setInt" -> keys.add(args[1]);
            case "executeQuery" -> {
                calls.add(sql + " " + keys);
                boolean[] read = {false};
                yield fake(ResultSet.class, (r, rArgs) -> switch (r) {
                    case "next" -> !read[0] && (read[0] = true);
                    case "getBoolean" -> locked;
                    default -> null;
                });
            }
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(ElectionTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args));
    }
}
