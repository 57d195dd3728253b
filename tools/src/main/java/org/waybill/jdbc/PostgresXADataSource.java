package org.waybill.jdbc;

import org.postgresql.xa.PGXADataSource;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL's XA data source (the pool WaybillXaDS, configure-datasource.cli), with one correction for two-phase
 * commit. When PostgreSQL ends the connection while it commits or rolls back a prepared branch (a restart or
 * {@code pg_terminate_backend} answers FATAL 57P01, a crash 57P02, a server still starting 57P03), the driver reports
 * {@code XAER_RMERR}. WildFly's transaction manager takes that for a heuristic outcome and gives up on the branch, which
 * then stays prepared in PostgreSQL, with its row locks, for good: recovery does not complete heuristic transactions.
 * The outcome is in fact unknown until PostgreSQL is asked again, which is what {@code XAER_RMFAIL} says: the
 * transaction manager keeps the transaction and its periodic recovery commits or rolls back the branch once PostgreSQL
 * is back (a branch already done answers {@code XAER_NOTA}, which recovery takes as done).
 * <p>
 * One class with no nested ones, because the launcher installs it from its single class file, into the driver's
 * module {@code org.postgresql.jdbc}.
 */
public class PostgresXADataSource extends PGXADataSource {
    /** Where PostgreSQL's answer means the connection ended, not that the request was wrong. */
    private static final Set<String> CONNECTION_ENDED = Set.of("57P01", "57P02", "57P03");
    private static final Set<String> COMPLETIONS = Set.of("commit", "rollback", "forget");

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return correctingCompletions(super.getXAConnection(user, password));
    }

    /** The connection as it is, but for its XA resource, whose completions report a lost connection as such. */
    static XAConnection correctingCompletions(XAConnection connection) throws SQLException {
        XAResource original = connection.getXAResource();
        XAResource corrected = (XAResource) Proxy.newProxyInstance(PostgresXADataSource.class.getClassLoader(),
                new Class<?>[]{XAResource.class}, (proxy, method, args) -> {
                    try {
                        return invoke(original, method, args);
                    } catch (XAException e) {
                        throw COMPLETIONS.contains(method.getName()) ? asUnavailable(e) : e;
                    }
                });
        return (XAConnection) Proxy.newProxyInstance(PostgresXADataSource.class.getClassLoader(),
                new Class<?>[]{XAConnection.class}, (proxy, method, args) ->
                        method.getName().equals("getXAResource") && method.getParameterCount() == 0
                                ? corrected : invoke(connection, method, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** XAER_RMFAIL for an XAER_RMERR whose cause is the connection ending; any other answer as it is. */
    static XAException asUnavailable(XAException e) {
        if (e.errorCode != XAException.XAER_RMERR || !connectionEnded(e)) {
            return e;
        }
        XAException unavailable = new XAException("PostgreSQL ended the connection; the outcome is unknown until "
                + "recovery asks again: " + e.getMessage());
        unavailable.errorCode = XAException.XAER_RMFAIL;
        unavailable.initCause(e);
        return unavailable;
    }

    private static boolean connectionEnded(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (CONNECTION_ENDED.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
