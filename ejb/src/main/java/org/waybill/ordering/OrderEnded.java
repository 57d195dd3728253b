package org.waybill.ordering;

import java.time.Duration;

/** An order reached its final status (COMPLETED or CANCELLED), {@code took} after it was placed. */
record OrderEnded(OrderStatus status, Duration took) {
}
