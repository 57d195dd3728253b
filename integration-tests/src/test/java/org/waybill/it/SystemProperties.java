package org.waybill.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * System properties of the WildFly under test, set and removed at run time through its management API (the local
 * user, as Arquillian deploys): a setting Waybill reads from MicroProfile Config at every use changes for one test
 * without a restart and without touching the others.
 */
final class SystemProperties {
    private static final int MANAGEMENT_PORT = Integer.getInteger("waybill.it.management-port");

    private SystemProperties() {
    }

    static void set(String name, String value) {
        ModelNode add = operation("add", name);
        add.get("value").set(value);
        execute(add);
    }

    static void remove(String name) {
        execute(operation("remove", name));
    }

    private static ModelNode operation(String operation, String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", name);
        return op;
    }

    private static void execute(ModelNode operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1",
                MANAGEMENT_PORT)) {
            ModelNode result = client.execute(operation);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException(operation + " failed: " + result.get("failure-description"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
