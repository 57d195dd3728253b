package org.waybill.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * What the login form mechanism shows to a caller who is not signed in (web.xml forwards here). A REST client gets
 * 401 with a Basic challenge and a problem+json body, never an HTML form; a browser gets the login page.
 */
@WebServlet("/login")
public class LoginChallenge extends HttpServlet {
    static final String LOGIN_VIEW = "/WEB-INF/views/login.xhtml";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String asked = (String) request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (asked != null && asked.startsWith(request.getContextPath() + "/api/")) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"waybill\", charset=\"UTF-8\"");
            Problem.send(response, Response.Status.UNAUTHORIZED, "Sign in: send HTTP Basic credentials of a Waybill user.");
            return;
        }
        if (asked == null && request.getParameter("failed") == null) {
            // Opened directly: the home page asks for a login if one is needed, and knows where to go after it.
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher(LOGIN_VIEW).forward(request, response);
    }
}
