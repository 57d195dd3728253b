package org.waybill.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under /waybill/api. */
@ApplicationPath("/api")
public class WaybillApi extends Application {
}
