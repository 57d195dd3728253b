package org.waybill.ordering;

import org.waybill.platform.ApplicationProblem;

import java.util.UUID;

public class OrderNotFoundException extends ApplicationProblem {
    public OrderNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, "no order " + id);
    }
}
