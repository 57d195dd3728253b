package org.waybill.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.waybill.ordering.OrderNotFoundException;
import org.waybill.platform.ApplicationProblem;

import java.util.UUID;

/**
 * Who is asking, for the rules roles alone do not express: a customer places and reads only their own orders
 * (their user name is their customer id); operators and admins act for anyone.
 */
@RequestScoped
public class Caller {
    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    @Inject
    HttpServletRequest request;

    public String name() {
        return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
    }

    /** Operators and admins see and act on every order, dead letter and replay. */
    public boolean actsForAnyone() {
        return request.isUserInRole(OPERATOR) || request.isUserInRole(ADMIN);
    }

    /** The customer an order is placed for: the caller's own id unless the caller acts for anyone. */
    public String customerFor(String requested) {
        if (actsForAnyone()) {
            return requested;
        }
        if (requested != null && !requested.equals(name())) {
            throw new Forbidden("a customer places orders only for themselves (" + name() + ")");
        }
        return name();
    }

    /** A customer asking for someone else's order learns nothing about it, not even that it exists. */
    public void ensureMaySee(UUID orderId, String customerId) {
        if (!actsForAnyone() && !customerId.equals(name())) {
            throw new OrderNotFoundException(orderId);
        }
    }

    /** The caller is signed in but may not do this. */
    public static class Forbidden extends ApplicationProblem {
        public Forbidden(String message) {
            super(Kind.FORBIDDEN, message);
        }
    }
}
