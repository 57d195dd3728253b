package org.waybill.ordering;

import jakarta.ejb.ApplicationException;

import java.util.UUID;

@ApplicationException(rollback = true)
public class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(UUID id) {
        super("no order " + id);
    }
}
