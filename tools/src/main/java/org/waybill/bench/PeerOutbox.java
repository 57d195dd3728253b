package org.waybill.bench;

import org.waybill.load.ProcessStats;
import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.waybill.load.Database;
import org.waybill.load.Load;
import org.waybill.load.OwnStack;
import org.waybill.stack.StackSettings;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The peer: gruelbox transaction-outbox, used as its documentation shows, moving the same events into the same
 * broker queue from the same database. Its outbox holds method calls; each call sends one event, in a transaction
 * of its own that locks and then deletes its entry. The outbox is filled first (its entries due at once, nobody
 * processing them), then drained by {@code flush()} onto a pool of threads; timed from the first flush until every
 * entry was sent and deleted.
 */
public final class PeerOutbox {
    /** What a scheduled call invokes. Public: the library proxies it to record calls. */
    public interface EventSender {
        void send(int n, String payload);
    }

    /** When the filled entries fall due. */
    private static final Duration DUE_AFTER = Duration.ofSeconds(1);
    /**
     * The library's logger (through slf4j-jdk14), held so its level stays set. At its default INFO it writes two
     * records per call, each with the call's 1 KiB argument, to the benchmark's console: 200,000 records in a drain
     * of 100,000 events, work on the peer's side that Waybill's relay, which logs no line per event, does not do.
     */
    private static final Logger LIBRARY_LOG = Logger.getLogger("com.gruelbox.transactionoutbox");

    private final OwnStack stack;
    private final ProcessStats processes;

    PeerOutbox(OwnStack stack, ProcessStats processes) {
        this.stack = stack;
        this.processes = processes;
    }

    Drain run(int events, int bytes, int threads) throws JMSException, SQLException {
        StackSettings settings = stack.settings();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUsername(settings.databaseUser().user());
        pool.setPassword(settings.databaseUser().password());
        pool.setMaximumPoolSize(threads + 2);
        pool.setAutoCommit(false);
        LIBRARY_LOG.setLevel(Level.WARNING);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (HikariDataSource dataSource = new HikariDataSource(pool);
             JmsSender sender = new JmsSender(settings)) {
            TransactionManager transactions = TransactionManager.fromDataSource(dataSource);
            Persistor persistor = Persistor.forDialect(Dialect.POSTGRESQL_9);
            fill(transactions, persistor, events, bytes);

            TransactionOutbox outbox = TransactionOutbox.builder()
                    .transactionManager(transactions)
                    .persistor(persistor)
                    .instantiator(Instantiator.using(type -> sender))
                    .submitter(Submitter.withExecutor(workers))
                    .attemptFrequency(Duration.ofMinutes(10)) // no second attempt while the first is queued
                    .build();
            ProcessStats.Snapshot before = processes.snapshot();
            long start = System.nanoTime();
            // On one connection, whether an entry waits rather than how many: a connection per poll loaded the
            // database the peer shares, as the relay's drain did (RelayDrain.WAITING).
            try (java.sql.Connection c = dataSource.getConnection();
                 PreparedStatement waiting = c.prepareStatement("SELECT 1 FROM txno_outbox LIMIT 1")) {
                c.setAutoCommit(true);
                while (Database.anyRow(waiting)) {
                    if (!outbox.flush()) {
                        Load.sleep(20);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Drain("Peer: gruelbox transaction-outbox, " + threads + " threads", events, seconds,
                    BenchEvents.inQueue(stack, events),
                    processes.since(before));
        } finally {
            workers.shutdownNow();
        }
    }

    /** Schedules the calls, 1,000 per transaction; the submitter does nothing, so they wait for the drain. */
    private static void fill(TransactionManager transactions, Persistor persistor, int events, int bytes) {
        TransactionOutbox filler = TransactionOutbox.builder()
                .transactionManager(transactions)
                .persistor(persistor)
                .instantiator(Instantiator.using(type -> (EventSender) (n, payload) -> {
                    throw new IllegalStateException("the fill sends nothing");
                }))
                .submitter((entry, process) -> {
                })
                .attemptFrequency(DUE_AFTER) // the library wants the first attempt in the future
                .build();
        for (int from = 0; from < events; from += 1_000) {
            int first = from;
            transactions.inTransaction(() -> {
                for (int n = first; n < Math.min(events, first + 1_000); n++) {
                    filler.schedule(EventSender.class).send(n, BenchEvents.payload(n, bytes));
                }
            });
        }
        Load.sleep(DUE_AFTER.toMillis() + 100);
    }

    /** Sends each call's event durably, one session per worker thread (sessions are single-threaded). */
    private static final class JmsSender implements EventSender, AutoCloseable {
        private final ActiveMQConnectionFactory factory;
        private final Connection connection;
        private final ThreadLocal<MessageProducer> producers = new ThreadLocal<>();
        private final ThreadLocal<Session> sessions = new ThreadLocal<>();

        JmsSender(StackSettings settings) throws JMSException {
            factory = new ActiveMQConnectionFactory(settings.brokerUrl());
            connection = factory.createConnection(settings.brokerUser().user(), settings.brokerUser().password());
        }

        @Override
        public void send(int n, String payload) {
            try {
                if (producers.get() == null) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(BenchEvents.QUEUE));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    sessions.set(session);
                    producers.set(producer);
                }
                producers.get().send(BenchEvents.encode(sessions.get().createTextMessage(), n, payload));
            } catch (JMSException e) {
                throw new IllegalStateException("broker did not take event " + n, e);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
            factory.close();
        }
    }
}
