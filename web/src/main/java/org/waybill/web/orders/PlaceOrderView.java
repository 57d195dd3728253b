package org.waybill.web.orders;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.waybill.contracts.ShippingAddress;
import org.waybill.inventory.Catalogue;
import org.waybill.inventory.ProductView;
import org.waybill.ordering.OrderPlacement;
import org.waybill.ordering.PlaceOrder;
import org.waybill.payment.PaymentGateway;
import org.waybill.web.Caller;
import org.waybill.web.Messages;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order screen: products with their stock, lines, payment, and placing the order. Each form carries its own
 * idempotency key, so a double click or a resubmitted form places the order once.
 */
@Named
@ViewScoped
public class PlaceOrderView implements Serializable {
    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(sku|quantity)");

    /** One line being edited. */
    public static class Line implements Serializable {
        private String sku;
        private Integer quantity = 1;

        public String getSku() {
            return sku;
        }

        public void setSku(String sku) {
            this.sku = sku;
        }

        public Integer getQuantity() {
            return quantity;
        }

        public void setQuantity(Integer quantity) {
            this.quantity = quantity;
        }
    }

    @Inject
    OrderPlacement placements;

    @Inject
    Catalogue catalogue;

    @Inject
    PaymentGateway gateway;

    @Inject
    Caller caller;

    private final String idempotencyKey = UUID.randomUUID().toString();
    private final List<Line> lines = new ArrayList<>(List.of(new Line()));
    private List<ProductView> products;
    private String customerId;
    private String paymentToken;
    /** The shipping address's fields, by the names of ShippingAddress's; all empty means none. */
    private final Map<String, String> shipTo = new LinkedHashMap<>();

    public List<ProductView> getProducts() {
        if (products == null) {
            products = catalogue.all();
        }
        return products;
    }

    public void addLine() {
        lines.add(new Line());
    }

    public void remove(Line line) {
        if (lines.size() > 1) {
            lines.remove(line);
        }
    }

    public String place() {
        try {
            PlaceOrder command = new PlaceOrder(caller.customerFor(customerId),
                    lines.stream().map(l -> new PlaceOrder.Line(l.getSku(), l.getQuantity())).toList(), paymentToken,
                    null, shippingAddress());
            UUID id = placements.place(command, idempotencyKey).order().id();
            return "/orders/placed.xhtml?faces-redirect=true&id=" + id;
        } catch (RuntimeException e) {
            Messages.failed(e, this::clientIdOf);
            products = null; // stock may have changed
            return null;
        }
    }

    /** Where a violation of the order's rules is shown: next to its input. */
    private String clientIdOf(String field) {
        Matcher line = LINE_FIELD.matcher(field);
        if (line.matches()) {
            return "order:lines:" + line.group(1) + ":" + line.group(2);
        }
        if (field.startsWith("shippingAddress.")) {
            return "order:ship-" + field.substring("shippingAddress.".length());
        }
        return switch (field) {
            case "customerId" -> "order:customer";
            case "paymentToken" -> "order:token";
            case "lines" -> "order:lines";
            default -> null;
        };
    }

    /** Null when every field was left empty: an address is optional, but whole when given (the rules say what is missing). */
    private ShippingAddress shippingAddress() {
        if (shipTo.values().stream().allMatch(v -> v == null || v.isBlank())) {
            return null;
        }
        return new ShippingAddress(shipTo.get("name"), shipTo.get("street"), shipTo.get("postalCode"),
                shipTo.get("city"), shipTo.get("country"));
    }

    /** The shipping address's inputs, bound by field name (name, street, postalCode, city, country). */
    public Map<String, String> getShipTo() {
        return shipTo;
    }

    public List<Line> getLines() {
        return lines;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getPaymentToken() {
        return paymentToken;
    }

    public void setPaymentToken(String paymentToken) {
        this.paymentToken = paymentToken;
    }

    /** What the gateway offers to try its paths (the sandbox's tokens); an empty choice leaves the default token. */
    public List<String> getPaymentTokens() {
        return gateway.sampleTokens();
    }
}
