package org.waybill.messaging;

/**
 * Broker destinations, declared in server-config/artemis/broker.xml. Events go to the multicast address
 * {@value #EVENTS}; each consumer reads its own durable subscription queue {@code waybill.events.<consumer>}
 * through its fully qualified name {@code address::queue}.
 */
public final class Destinations {
    public static final String EVENTS = "waybill.events";

    public static final String INVENTORY = "inventory";
    public static final String INVENTORY_SUBSCRIPTION = EVENTS + "::" + EVENTS + "." + INVENTORY;

    public static final String ORDERING = "ordering";
    public static final String ORDERING_SUBSCRIPTION = EVENTS + "::" + EVENTS + "." + ORDERING;

    private Destinations() {
    }
}
