package org.waybill.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.waybill.events.EventSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published event contracts for whoever reads or writes Waybill's messages: the AsyncAPI document and the JSON
 * Schemas it references, served from the ejb module's schemas/ folder at /waybill/schemas/..., so the document's
 * relative $refs resolve here too. Open to anyone, like the OpenAPI document. Only these documents are served: a path
 * is matched whole before anything is read, so nothing else on the classpath can be named.
 */
@WebServlet("/schemas/*")
public class EventContracts extends HttpServlet {
    static final String ASYNCAPI = "asyncapi.yaml";
    private static final Pattern DOCUMENT = Pattern.compile("/(" + Pattern.quote(ASYNCAPI)
            + "|envelope\\.schema\\.json|events/[a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)+/v[1-9][0-9]{0,8}\\.schema\\.json)");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Matcher document = DOCUMENT.matcher(path == null ? "" : path);
        if (!document.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(EventSchemas.ROOT + document.group(1))) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(document.group(1).equals(ASYNCAPI) ? "application/yaml" : "application/schema+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            in.transferTo(response.getOutputStream());
        }
    }
}
