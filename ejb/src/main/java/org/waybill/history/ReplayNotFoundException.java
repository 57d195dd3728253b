package org.waybill.history;

import org.waybill.platform.ApplicationProblem;

import java.util.UUID;

public class ReplayNotFoundException extends ApplicationProblem {
    public ReplayNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, "no replay " + id);
    }
}
