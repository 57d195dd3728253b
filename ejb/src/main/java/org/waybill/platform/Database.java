package org.waybill.platform;

/**
 * Waybill's one datasource, {@code WaybillDS}: defined by server-config/wildfly/configure-datasource.cli, used by the
 * persistence unit (persistence.xml) and, for the work done in plain JDBC, looked up by this name.
 */
public final class Database {
    /** The datasource's JNDI name. */
    public static final String DATASOURCE = "java:jboss/datasources/WaybillDS";

    private Database() {
    }
}
