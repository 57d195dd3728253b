package org.waybill.web;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ExceptionHandler;
import io.undertow.servlet.api.LoggingExceptionHandler;
import jakarta.servlet.ServletContext;

import java.util.logging.Logger;

/**
 * Undertow logs every exception a request ends in at ERROR with its stack trace, before the error page web.xml names
 * for it is shown. A form posted with a view state the server does not hold (the session ended, or the state was
 * forged) is the client's error, not the server's ({@link ExpiredViewStatus} answers it with 400): it is logged on one
 * line at FINE. Every user whose session timed out left an ERROR and a stack trace with their next click.
 */
public class ClientErrorsLogging implements ServletExtension {
    private static final Logger LOG = Logger.getLogger(ClientErrorsLogging.class.getName());

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        ExceptionHandler container = deployment.getExceptionHandler() != null ? deployment.getExceptionHandler()
                : LoggingExceptionHandler.DEFAULT;
        deployment.setExceptionHandler((exchange, request, response, failure) -> {
            if (!ExpiredViewStatus.expiredView(failure)) {
                return container.handleThrowable(exchange, request, response, failure);
            }
            LOG.fine(() -> "A form of " + exchange.getRequestURI() + " came with a view state this server does not hold "
                    + "(its session ended, or it is forged): the page-expired page, 400");
            return false;
        });
    }
}
