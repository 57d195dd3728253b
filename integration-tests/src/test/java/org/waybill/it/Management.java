package org.waybill.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Operations on the WildFly under test through its management API, as the local user Arquillian deploys with. */
final class Management {
    private static final int PORT = Integer.getInteger("waybill.it.management-port");

    private Management() {
    }

    /** An operation on the resource at the address's pairs of type and name (none: the server itself). */
    static ModelNode operation(String name, String... address) {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        ModelNode path = operation.get("address").setEmptyList();
        for (int i = 0; i < address.length; i += 2) {
            path.add(address[i], address[i + 1]);
        }
        return operation;
    }

    /** Runs the operation; its result, or an exception when it did not succeed. */
    static ModelNode execute(ModelNode operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", PORT)) {
            ModelNode outcome = client.execute(operation);
            if (!"success".equals(outcome.get("outcome").asString())) {
                throw new IllegalStateException(operation + " failed: " + outcome.get("failure-description"));
            }
            return outcome.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
