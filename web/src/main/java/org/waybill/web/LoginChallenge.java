package org.waybill.web;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What the login form mechanism shows to a caller who is not signed in (web.xml forwards here). A REST client gets
 * 401 with a Basic challenge and a problem+json body, never an HTML form; a browser gets the login page.
 * <p>
 * Either way the mechanism (or the login page) has made a session for a caller nobody knows yet, one per request
 * without a cookie: such a session is cut short here, and {@link SessionAfterSignIn} gives it the full time once its
 * owner signs in.
 */
@WebServlet("/login")
public class LoginChallenge extends HttpServlet {
    static final String LOGIN_VIEW = "/WEB-INF/views/login.xhtml";
    /**
     * How long a session made for the login form lives unless its owner signs in (WAYBILL_SIGN_IN_SECONDS, at least
     * 1): long enough to type a password, short enough that anonymous requests cannot pile up sessions for the 30
     * minutes of web.xml. A sign-in after it still works; it lands on the home page instead of the page first asked
     * for.
     */
    @Inject
    @ConfigProperty(name = "waybill.sign-in-seconds", defaultValue = "60")
    int signInSeconds;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String asked = (String) request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (asked != null && asked.startsWith(request.getContextPath() + "/api/")) {
            forgetTheRequest(request);
            response.setHeader("WWW-Authenticate", "Basic realm=\"waybill\", charset=\"UTF-8\"");
            Problem.write(response, HttpServletResponse.SC_UNAUTHORIZED, Problem.defaultDetail(401));
            return;
        }
        if (asked == null && request.getParameter("failed") == null) {
            // Opened directly: the home page asks for a login if one is needed, and knows where to go after it.
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        // Before the forward: the page has left when it returns, and a quick owner may have signed in meanwhile; a
        // timeout cut short after that would undo the one SessionAfterSignIn gave. The page itself makes no session.
        shortenANewSession(request, Math.max(1, signInSeconds));
        request.getRequestDispatcher(LOGIN_VIEW).forward(request, response);
    }

    /**
     * The form mechanism saved the API request, up to 16 KB of its body, to replay it after a login that an API
     * client never does. That session, unless the caller had it before, expires a second after this answer
     * (invalidated right away, it left Weld's conversation context active on the thread for the next request). The
     * body is read to its end: one the mechanism left unread (over 16 KB) kept the exchange open after this answer,
     * and Undertow tried to send the 401 again on the committed response, an ERROR with a stack trace per request.
     */
    private static void forgetTheRequest(HttpServletRequest request) throws IOException {
        shortenANewSession(request, 1);
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    private static void shortenANewSession(HttpServletRequest request, int seconds) {
        HttpSession session = request.getSession(false);
        if (session != null && session.isNew()) {
            session.setMaxInactiveInterval(seconds);
        }
    }
}
