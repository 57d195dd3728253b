package org.waybill.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When the login page is sent, against servlet objects that write down what is done to them. The page has left once
 * the forward returns, and its reader may sign in at once: a timeout cut short after that would undo the full one
 * {@link SessionAfterSignIn} gives at the sign-in (seen once in the suite, 2026-12-07: a signed-in user's session
 * ended after WAYBILL_SIGN_IN_SECONDS).
 */
class LoginChallengeTest {
    private final List<String> done = new ArrayList<>();

    @Test
    void aSessionMadeForTheLoginFormIsCutShortBeforeThePageLeaves() throws Exception {
        HttpSession session = recording(HttpSession.class, Map.of("isNew", true));
        send(Map.of("getAttribute", "/waybill/orders/new.xhtml", "getContextPath", "/waybill", "getSession", session));
        assertEquals(List.of("setMaxInactiveInterval[45]", "forward"), done);
    }

    @Test
    void theLoginPageLookedAtDirectlyMakesNoSession() throws Exception {
        send(Map.of("getParameter", ""));
        assertEquals(List.of("forward"), done, "getSession(false) finds none and makes none");
    }

    /** LoginChallenge's answer to a request that answers the methods named with the values given, null otherwise. */
    private void send(Map<String, Object> request) throws Exception {
        RequestDispatcher page = recording(RequestDispatcher.class, Map.of());
        Map<String, Object> answers = new HashMap<>(request);
        answers.put("getRequestDispatcher", page);
        LoginChallenge challenge = new LoginChallenge();
        challenge.signInSeconds = 45;
        challenge.service(fake(HttpServletRequest.class, (method, args) -> {
            if (method.equals("getSession") && (args.length == 0 || !Boolean.FALSE.equals(args[0]))) {
                done.add("getSession" + Arrays.toString(args));
            }
            return answers.get(method);
        }), fake(HttpServletResponse.class, (method, args) -> null));
    }

    /** A fake that writes down each call of a method it has no answer for (a void one), with its arguments. */
    private <T> T recording(Class<T> type, Map<String, Object> answers) {
        return fake(type, (method, args) -> {
            if (answers.containsKey(method)) {
                return answers.get(method);
            }
            done.add(method + (args.length > 0 && !(args[0] instanceof HttpServletRequest) ? Arrays.toString(args) : ""));
            return null;
        });
    }

    private static <T> T fake(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args == null ? new Object[0] : args)));
    }
}
