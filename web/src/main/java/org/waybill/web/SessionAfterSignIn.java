package org.waybill.web;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;

/**
 * Gives a session the timeout of web.xml when its owner signs in. The security mechanism changes the session's id at
 * a sign-in (against session fixation), the one moment a session made for the login form, which
 * {@link LoginChallenge} cut short, becomes a user's.
 */
@WebListener
public class SessionAfterSignIn implements HttpSessionIdListener {
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        HttpSession session = event.getSession();
        session.setMaxInactiveInterval(session.getServletContext().getSessionTimeout() * 60);
    }
}
