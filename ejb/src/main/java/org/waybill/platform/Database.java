package org.waybill.platform;

/**
 * Waybill's datasource, {@code WaybillDS}: used by the persistence unit (persistence.xml) and, for the work done in
 * plain JDBC, looked up by this name. server-config/wildfly/configure-datasource.cli binds the pool the messaging mode
 * needs under it: local transactions in the at-least-once mode, XA in the others.
 */
public final class Database {
    /** The datasource's JNDI name. */
    public static final String DATASOURCE = "java:jboss/datasources/WaybillDS";

    private Database() {
    }
}
