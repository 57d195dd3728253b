package org.waybill.it;

import org.jboss.dmr.ModelNode;

/**
 * System properties of the WildFly under test, set and removed at run time through its management API: a setting
 * Waybill reads from MicroProfile Config at every use changes for one test without a restart and without touching the
 * others.
 */
final class SystemProperties {
    private SystemProperties() {
    }

    static void set(String name, String value) {
        ModelNode add = Management.operation("add", "system-property", name);
        add.get("value").set(value);
        Management.execute(add);
    }

    static void remove(String name) {
        Management.execute(Management.operation("remove", "system-property", name));
    }
}
