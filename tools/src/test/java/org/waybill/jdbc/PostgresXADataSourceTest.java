package org.waybill.jdbc;

import org.junit.jupiter.api.Test;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresXADataSourceTest {
    private static final Xid XID = null; // the fake resource never looks at it
    private final List<String> calls = new ArrayList<>();

    /** What the driver throws when PostgreSQL answers a COMMIT PREPARED or ROLLBACK PREPARED with this SQL state. */
    private static XAException driverError(int errorCode, String sqlState) {
        XAException e = new XAException("Error committing prepared transaction");
        e.errorCode = errorCode;
        e.initCause(new SQLException("FATAL: terminating connection due to administrator command", sqlState));
        return e;
    }

    /** A connection whose XA resource fails every call with {@code failure} (or succeeds if null), recording calls. */
    private XAConnection connection(XAException failure) {
        XAResource resource = (XAResource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{XAResource.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (failure != null) {
                        throw failure;
                    }
                    return method.getReturnType() == int.class ? XAResource.XA_OK : null;
                });
        return (XAConnection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{XAConnection.class},
                (proxy, method, args) -> method.getName().equals("getXAResource") ? resource : null);
    }

    private XAResource corrected(XAException failure) throws SQLException {
        return PostgresXADataSource.correctingCompletions(connection(failure)).getXAResource();
    }

    @Test
    void aCommitOrRollbackCutOffByARestartIsLeftToRecovery() throws SQLException {
        XAException restart = driverError(XAException.XAER_RMERR, "57P01");
        XAException commit = assertThrows(XAException.class, () -> corrected(restart).commit(XID, false));
        assertEquals(XAException.XAER_RMFAIL, commit.errorCode);
        assertSame(restart, commit.getCause());

        XAException crash = driverError(XAException.XAER_RMERR, "57P02");
        assertEquals(XAException.XAER_RMFAIL, assertThrows(XAException.class, () -> corrected(crash).rollback(XID)).errorCode);
        XAException broken = driverError(XAException.XAER_RMERR, "08006");
        assertEquals(XAException.XAER_RMFAIL, assertThrows(XAException.class, () -> corrected(broken).commit(XID, false)).errorCode);
    }

    @Test
    void otherAnswersAndOtherCallsAreReportedAsTheyCame() throws SQLException {
        XAException refused = driverError(XAException.XAER_RMERR, "42501");
        assertSame(refused, assertThrows(XAException.class, () -> corrected(refused).commit(XID, false)));
        XAException unknown = driverError(XAException.XAER_NOTA, "42704");
        assertSame(unknown, assertThrows(XAException.class, () -> corrected(unknown).rollback(XID)));
        XAException duringPrepare = driverError(XAException.XAER_RMERR, "57P01");
        assertSame(duringPrepare, assertThrows(XAException.class, () -> corrected(duringPrepare).prepare(XID)),
                "a failed prepare rolls the transaction back anyway");
    }

    @Test
    void callsReachTheDriversResource() throws Exception {
        XAResource resource = corrected(null);
        assertEquals(XAResource.XA_OK, resource.prepare(XID));
        resource.commit(XID, false);
        assertEquals(List.of("prepare", "commit"), calls);
    }
}
