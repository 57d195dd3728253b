package org.waybill.web.orders;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import org.waybill.ordering.PlaceOrder;

import java.util.regex.Pattern;

/**
 * A line's quantity on the order screen, by the API's rule: a whole number from 1 to {@value PlaceOrder#MAX_QUANTITY}
 * written with the digits 0-9. Anything else is a message at the field, never a quantity the user did not type
 * (the spinner it replaces turned -1, 10001 or "abc" into 1).
 */
@FacesConverter("waybill.Quantity")
public class QuantityConverter implements Converter<Integer> {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    static final String MESSAGE = "Enter a whole number from 1 to " + PlaceOrder.MAX_QUANTITY;

    @Override
    public Integer getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String typed = value.strip();
        if (DIGITS.matcher(typed).matches()) {
            int quantity = Integer.parseInt(typed);
            if (quantity >= 1 && quantity <= PlaceOrder.MAX_QUANTITY) {
                return quantity;
            }
        }
        throw new ConverterException(new FacesMessage(FacesMessage.SEVERITY_ERROR, MESSAGE, MESSAGE));
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Integer value) {
        return value == null ? "" : value.toString();
    }
}
