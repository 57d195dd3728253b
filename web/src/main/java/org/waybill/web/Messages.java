package org.waybill.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.waybill.platform.ApplicationProblem;
import org.waybill.platform.Failures;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages on the screens: a refused request shows its reason (and each invalid field next to that field); a
 * database or broker away shows what happened; anything else is logged and shown without details.
 */
public final class Messages {
    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private Messages() {
    }

    public static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }

    /**
     * Shows why the action did not happen. Field violations go next to their field: {@code fieldToClientId} maps
     * a violation's field (e.g. {@code lines[0].quantity}) to the client id of its input, or null for a general one.
     */
    public static void failed(RuntimeException e, Function<String, String> fieldToClientId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.validationFailed();
        if (e instanceof ApplicationProblem problem) {
            // Busy (the admission limit) is a wait, not a mistake: the same form placed again later goes through.
            faces.addMessage(null, new FacesMessage(problem.kind() == ApplicationProblem.Kind.BUSY
                    ? FacesMessage.SEVERITY_WARN : FacesMessage.SEVERITY_ERROR, problem.getMessage(), null));
            problem.violations().forEach(v -> faces.addMessage(fieldToClientId.apply(v.field()),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.message(), v.message())));
        } else if (Failures.isTransient(e)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Not possible right now: "
                    + Failures.message(e) + (Failures.databaseLostAtCommit(e)
                    ? ". The connection broke during the commit, so it may have been done: look before trying again."
                    : ". Nothing was changed; try again shortly."), null));
        } else {
            LOG.log(Level.SEVERE, "A screen action failed", e);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "That failed on the server; it has been logged.", null));
        }
    }

    public static void failed(RuntimeException e) {
        failed(e, field -> null);
    }
}
