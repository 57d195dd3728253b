package org.waybill.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in directory: a customer id that is an e-mail address is used as is; any other id gets the domain
 * {@code waybill.notification.customer-domain} (default customers.waybill.test).
 */
@ApplicationScoped
public class ConfiguredCustomerDirectory implements CustomerDirectory {
    @Inject
    @ConfigProperty(name = "waybill.notification.customer-domain", defaultValue = "customers.waybill.test")
    String domain;

    @Override
    public String emailOf(String customerId) {
        return customerId.contains("@") ? customerId : customerId + "@" + domain;
    }
}
