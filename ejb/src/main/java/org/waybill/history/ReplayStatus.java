package org.waybill.history;

/** RUNNING while pages are sent (or until a stopped replay is resumed), DONE once all are, FAILED when a page failed. */
public enum ReplayStatus {
    RUNNING, DONE, FAILED
}
