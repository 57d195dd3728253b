package org.jboss.as.ee.component;

/**
 * A stand-in, under the same name, for WildFly's exception at a call into a stopped EJB (WFLYEE0043), which is not on
 * the module's test classpath: Failures knows it by that name (FailuresTest).
 */
public class ComponentIsStoppedException extends IllegalStateException {
    public ComponentIsStoppedException(String message) {
        super(message);
    }
}
