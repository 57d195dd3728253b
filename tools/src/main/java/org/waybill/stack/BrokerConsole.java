package org.waybill.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queue counters of a local broker, read through its management API (Jolokia, behind the web console's login),
 * as an operator's tool would. For the tests and the drills.
 */
public final class BrokerConsole {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** One queue MBean in a wildcard read: its queue name and its attributes ({"MessageCount":0,...}). */
    private static final Pattern QUEUE_ENTRY = Pattern.compile("queue=\\\\\"([^\\\\\"]+)\\\\\"[^{]*\":\\{([^}]*)}");
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?\\d+)");

    private final StackSettings settings;
    /** The console of one broker: the only one, or either of a pair. */
    private final int consolePort;

    BrokerConsole(StackSettings settings, int consolePort) {
        this.settings = settings;
        this.consolePort = consolePort;
    }

    /** A numeric attribute of one queue, e.g. MessageCount or MessagesAcknowledged. */
    public long queueCounter(String queue, String attribute) {
        Long value = queueCounters(attribute).get(queue);
        if (value == null) {
            throw new IllegalStateException("the broker has no queue " + queue);
        }
        return value;
    }

    /** A numeric attribute of every queue of the broker, by queue name, in one request. */
    public Map<String, Long> queueCounters(String attribute) {
        String pattern = "org.apache.activemq.artemis:broker=\"waybill\",component=addresses,address=*,"
                + "subcomponent=queues,routing-type=*,queue=*";
        Matcher entry = QUEUE_ENTRY.matcher(read(pattern + "/" + attribute));
        Map<String, Long> counters = new TreeMap<>();
        while (entry.find()) {
            Matcher number = NUMBER.matcher(entry.group(2));
            if (number.find()) {
                counters.put(entry.group(1), Long.parseLong(number.group(2)));
            }
        }
        return counters;
    }

    /** Creates a durable anycast queue of that name (and its address), unless it exists. For the benchmark. */
    public void createQueue(String name) {
        String configuration = "{\\\"name\\\":\\\"" + name + "\\\",\\\"address\\\":\\\"" + name
                + "\\\",\\\"routing-type\\\":\\\"ANYCAST\\\",\\\"durable\\\":true,"
                + "\\\"auto-create-address\\\":true}";
        exec("createQueue(java.lang.String,boolean)", "\"" + configuration + "\",true");
    }

    /** Deletes a queue with its messages and its address. */
    public void destroyQueue(String name) {
        exec("destroyQueue(java.lang.String,boolean,boolean)", "\"" + name + "\",true,true");
    }

    /**
     * Makes the broker refuse messages to an address once its queues hold more than {@code messages}
     * (address-full-policy FAIL), as a full disk or an operator's limit would, until {@link #unlimitAddress}. For
     * the tests' fault injection.
     */
    public void limitAddress(String address, long messages) {
        String settings = "{\\\"maxSizeMessages\\\":" + messages
                + ",\\\"addressFullMessagePolicy\\\":\\\"FAIL\\\"}";
        exec("addAddressSettings(java.lang.String,java.lang.String)", "\"" + address + "\",\"" + settings + "\"");
    }

    /** Removes the limit {@link #limitAddress} set; the address has broker.xml's settings again. */
    public void unlimitAddress(String address) {
        exec("removeAddressSettings(java.lang.String)", "\"" + address + "\"");
    }

    /**
     * Stops delivering the messages of a multicast queue (of {@code address}) to its consumers, which stay connected,
     * until {@link #resumeQueue}; its messages pile up. For the tests: a backlog made on demand.
     */
    public void pauseQueue(String address, String queue) {
        exec(queueMBean(address, queue), "pause()", "");
    }

    public void resumeQueue(String address, String queue) {
        exec(queueMBean(address, queue), "resume()", "");
    }

    private static String queueMBean(String address, String queue) {
        return "org.apache.activemq.artemis:broker=\\\"waybill\\\",component=addresses,address=\\\"" + address
                + "\\\",subcomponent=queues,routing-type=\\\"multicast\\\",queue=\\\"" + queue + "\\\"";
    }

    private void exec(String operation, String arguments) {
        exec("org.apache.activemq.artemis:broker=\\\"waybill\\\"", operation, arguments);
    }

    /** An operation of an MBean, its name as it goes into the JSON string (quotes escaped). */
    private void exec(String mbean, String operation, String arguments) {
        String body = "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\","
                + "\"operation\":\"" + operation + "\",\"arguments\":[" + arguments + "]}";
        send(HttpRequest.newBuilder(URI.create(jolokia()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String read(String path) {
        return send(HttpRequest.newBuilder(URI.create(jolokia() + "read/"
                + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"))).GET());
    }

    private String jolokia() {
        return "http://127.0.0.1:" + consolePort + "/console/jolokia/";
    }

    private String send(HttpRequest.Builder request) {
        String auth = Base64.getEncoder().encodeToString((settings.consoleUser().user() + ":"
                + settings.consoleUser().password()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(request
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + auth)
                    .header("Origin", "http://127.0.0.1") // Jolokia refuses requests without an origin
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (!response.body().contains("\"status\":200")) {
                throw new IllegalStateException("Jolokia: " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("broker console unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
