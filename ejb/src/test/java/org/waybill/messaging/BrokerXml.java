package org.waybill.messaging;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;

/** server-config/artemis/broker.xml as the tests read it: addresses, queues with their filters, security, acceptors. */
final class BrokerXml {
    /** A queue as declared: its address, that address's routing type (multicast or anycast), its filter or null. */
    record Queue(String address, String routing, String name, String filter) {
    }

    private final Document xml;

    private BrokerXml(Document xml) {
        this.xml = xml;
    }

    static BrokerXml read() throws Exception {
        try (InputStream in = BrokerXml.class.getResourceAsStream("/server-config/artemis/broker.xml")) {
            return new BrokerXml(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in));
        }
    }

    /** Queue name to its filter (null for none), per address. */
    Map<String, Map<String, String>> queuesByAddress() {
        Map<String, Map<String, String>> queues = new TreeMap<>();
        for (String address : addresses().keySet()) {
            queues.put(address, new TreeMap<>());
        }
        for (Queue queue : queues()) {
            queues.get(queue.address()).put(queue.name(), queue.filter());
        }
        return queues;
    }

    /** Every address by name, with its routing type (multicast or anycast; multicast for one declared empty). */
    Map<String, String> addresses() {
        Map<String, String> addresses = new TreeMap<>();
        NodeList declared = xml.getElementsByTagName("address");
        for (int i = 0; i < declared.getLength(); i++) {
            Element address = (Element) declared.item(i);
            addresses.put(address.getAttribute("name"),
                    address.getElementsByTagName("anycast").getLength() > 0 ? "anycast" : "multicast");
        }
        return addresses;
    }

    /** Every queue of every address. */
    Set<Queue> queues() {
        Set<Queue> queues = new TreeSet<>((a, b) -> (a.address() + "::" + a.name()).compareTo(b.address() + "::" + b.name()));
        Map<String, String> routing = addresses();
        NodeList addresses = xml.getElementsByTagName("address");
        for (int i = 0; i < addresses.getLength(); i++) {
            Element address = (Element) addresses.item(i);
            NodeList declared = address.getElementsByTagName("queue");
            for (int j = 0; j < declared.getLength(); j++) {
                Element queue = (Element) declared.item(j);
                NodeList filter = queue.getElementsByTagName("filter");
                String name = address.getAttribute("name");
                queues.add(new Queue(name, routing.get(name), queue.getAttribute("name"),
                        filter.getLength() == 0 ? null : ((Element) filter.item(0)).getAttribute("string")));
            }
        }
        return queues;
    }

    /** Security settings by match, each permission type to its roles. */
    Map<String, Map<String, Set<String>>> securitySettings() {
        NodeList settings = xml.getElementsByTagName("security-setting");
        Map<String, Map<String, Set<String>>> byMatch = new TreeMap<>();
        for (int i = 0; i < settings.getLength(); i++) {
            Element setting = (Element) settings.item(i);
            Map<String, Set<String>> permissions = new TreeMap<>();
            NodeList declared = setting.getElementsByTagName("permission");
            for (int j = 0; j < declared.getLength(); j++) {
                Element permission = (Element) declared.item(j);
                permissions.put(permission.getAttribute("type"),
                        new TreeSet<>(Arrays.asList(permission.getAttribute("roles").split(","))));
            }
            byMatch.put(setting.getAttribute("match"), permissions);
        }
        return byMatch;
    }

    /** The acceptors by name, each its URL as written (with the launcher's ${...} expressions). */
    Map<String, String> acceptors() {
        Map<String, String> acceptors = new LinkedHashMap<>();
        NodeList declared = xml.getElementsByTagName("acceptor");
        for (int i = 0; i < declared.getLength(); i++) {
            Element acceptor = (Element) declared.item(i);
            acceptors.put(acceptor.getAttribute("name"), acceptor.getTextContent().trim());
        }
        return acceptors;
    }
}
