package org.waybill.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The signed-in user as the screens show them. */
@Named("user")
@RequestScoped
public class UserView {
    @Inject
    Caller caller;

    @Inject
    ExternalContext externalContext;

    @Inject
    @ConfigProperty(name = "waybill.console.url", defaultValue = "http://127.0.0.1:8161/console")
    String consoleUrl;

    public String getName() {
        return caller.name();
    }

    public boolean isOperator() {
        return caller.actsForAnyone();
    }

    public String getRole() {
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        return request.isUserInRole(Caller.ADMIN) ? Caller.ADMIN
                : request.isUserInRole(Caller.OPERATOR) ? Caller.OPERATOR : Caller.CUSTOMER;
    }

    /** The broker's web console, for operators. */
    public String getConsoleUrl() {
        return consoleUrl;
    }
}
