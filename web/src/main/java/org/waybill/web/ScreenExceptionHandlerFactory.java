package org.waybill.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import org.primefaces.application.exceptionhandler.PrimeExceptionHandler;

/**
 * Where a screen's failure is shown. An Ajax request's goes to PrimeFaces, which shows p:ajaxExceptionHandler's
 * dialog in the page. A full page request's goes to the servlet container, which forwards to the error page web.xml
 * names for it and keeps the status (PrimeFaces would redirect the browser there instead, and a page under WEB-INF
 * cannot be opened by a redirect: it answered 404).
 */
public class ScreenExceptionHandlerFactory extends ExceptionHandlerFactory {
    public ScreenExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        ExceptionHandler standard = getWrapped().getExceptionHandler();
        return new ExceptionHandlerWrapper(standard) {
            private final ExceptionHandler ajax = new PrimeExceptionHandler(standard);

            @Override
            public void handle() {
                if (FacesContext.getCurrentInstance().getPartialViewContext().isAjaxRequest()) {
                    ajax.handle();
                } else {
                    getWrapped().handle();
                }
            }
        };
    }
}
