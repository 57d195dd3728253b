package org.waybill.messaging;

import jakarta.ejb.TransactionAttribute;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * META-INF/jboss-ejb3.xml sets how every message-driven bean receives its deliveries, per messaging mode
 * (DeliveryTransactionModeIT checks what WildFly makes of it in each mode): a bean it does not name would run in the
 * default, a transaction, in every mode, and an annotation would not vary by mode.
 */
class MessageDrivenBeansDescriptorTest {
    private static final String NS = "https://jakarta.ee/xml/ns/jakartaee";
    private static final String KEY = "waybill.consumers.trans-attribute.";

    @Test
    void namesEveryMessageDrivenBeansOnMessageAndNothingElse() throws Exception {
        TreeSet<String> beans = new TreeSet<>();
        for (Class<?> bean : MessageDrivenBeans.beans()) {
            beans.add(bean.getSimpleName());
        }
        TreeSet<String> named = new TreeSet<>();
        NodeList methods = descriptor().getElementsByTagNameNS(NS, "method");
        for (int i = 0; i < methods.getLength(); i++) {
            Element method = (Element) methods.item(i);
            named.add(text(method, "ejb-name"));
            assertEquals("onMessage", text(method, "method-name"), text(method, "ejb-name"));
        }
        assertEquals(beans, named);
    }

    @Test
    void noMessageDrivenBeanSetsItsTransactionAttributeByAnnotation() throws Exception {
        for (Class<?> bean : MessageDrivenBeans.beans()) {
            assertNull(bean.getAnnotation(TransactionAttribute.class), bean.getName());
            assertNull(bean.getMethod("onMessage", jakarta.jms.Message.class).getAnnotation(TransactionAttribute.class),
                    bean.getName());
        }
    }

    @Test
    void theTransactionAttributeIsRequiredInTheXaModeOnlyAndNotSupportedInTheOthers() throws Exception {
        NodeList attributes = descriptor().getElementsByTagNameNS(NS, "trans-attribute");
        assertEquals(1, attributes.getLength());
        assertEquals("${" + KEY + "${env.WAYBILL_MESSAGING_MODE:" + MessagingMode.AT_LEAST_ONCE + "}:NotSupported}",
                attributes.item(0).getTextContent().trim());
        Properties properties = new Properties();
        try (InputStream in = resource("META-INF/jboss.properties")) {
            properties.load(in);
        }
        List<String> keys = new ArrayList<>(properties.stringPropertyNames());
        assertEquals(List.of(KEY + MessagingMode.XA), keys);
        assertEquals("Required", properties.getProperty(KEY + MessagingMode.XA));
    }

    private static Document descriptor() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = resource("META-INF/jboss-ejb3.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static InputStream resource(String name) {
        return MessageDrivenBeansDescriptorTest.class.getClassLoader().getResourceAsStream(name);
    }

    private static String text(Element parent, String child) {
        return parent.getElementsByTagNameNS(NS, child).item(0).getTextContent().trim();
    }
}
