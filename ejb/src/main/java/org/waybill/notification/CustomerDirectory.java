package org.waybill.notification;

/** The port to where customers' contact details live (a CRM, an identity provider). */
public interface CustomerDirectory {
    String emailOf(String customerId);
}
