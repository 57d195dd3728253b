package org.waybill.operations;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.waybill.ordering.OrderAdmission;
import org.waybill.platform.PeriodicTask;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples what the admission limit reads ({@link AdmissionBacklog}), every {@link AdmissionBacklog#interval()}, on
 * every node, only while a limit is set: with none, a run reads the setting and returns. One sample is one
 * management call to the broker for all queues ({@code listQueues}) and one count on the outbox's partial index;
 * orders read the result and pay no query. The broker is asked first and on its own, so that one that does not
 * answer still leaves the outbox's figure fresh.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "OperationsData", "BrokerQueues"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdmissionSampling extends PeriodicTask {
    @Inject
    OrderAdmission admission;

    @Inject
    AdmissionBacklog backlog;

    @Inject
    BrokerQueues broker;

    @Inject
    OperationsData data;

    @Override
    protected Duration period() {
        return backlog.interval();
    }

    @Override
    protected void runOnce() {
        if (!admission.limited()) {
            return;
        }
        RuntimeException failure = null;
        try {
            Map<String, Long> depths = new TreeMap<>();
            broker.consumedQueues().forEach(q -> depths.put(q.name(), q.depth()));
            backlog.queues(depths);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            backlog.outbox(data.unpublishedEvents());
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
