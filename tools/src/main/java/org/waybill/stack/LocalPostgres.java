package org.waybill.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL from zonky's binaries (Maven Central), with its data kept under {@code home/postgres/data}.
 * Unlike zonky's defaults it is durable (fsync and synchronous_commit on), and it asks for passwords: the first start
 * creates the application role and database, then switches host authentication from trust to scram-sha-256, and
 * TCP clients must come over TLS, which it serves with the launcher's development certificate.
 * Prepared transactions are allowed only for a messaging mode that needs them; the default mode runs on a stock
 * PostgreSQL. Every setting here is given on the command line at each start, so a kept data directory takes it too.
 */
final class LocalPostgres implements AutoCloseable {
    private static final String BOOTSTRAPPED = "waybill-bootstrapped";

    private final EmbeddedPostgres postgres;
    private final Path data;

    private LocalPostgres(EmbeddedPostgres postgres, Path data) {
        this.postgres = postgres;
        this.data = data;
    }

    /** @param preparedTransactions whether WildFly runs two-phase commits with it (XA messaging modes) */
    static LocalPostgres start(StackSettings settings, boolean preparedTransactions) throws IOException {
        Path root = settings.home().resolve("postgres");
        Path data = root.resolve("data");
        Path log = settings.home().resolve("logs/postgres.log");
        Files.createDirectories(log.getParent());
        String superuserPassword = superuserPassword(root);
        DevelopmentCertificate.ensureForPostgres(settings.home());
        StackSettings.DatabaseTls tls = settings.databaseTls();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the stack stops it, after WildFly
                .setOverrideWorkingDirectory(root.resolve("binaries").toFile())
                .setPort(settings.database().port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("max_prepared_transactions", preparedTransactions ? "64" : "0")
                // A client that vanished (its node cut off) loses its session, and its row locks, within about a
                // minute instead of when TCP gives up (hours): probes after 30 s idle, every 10 s, 3 unanswered; and
                // data it does not acknowledge for 60 s.
                .setServerConfig("tcp_keepalives_idle", "30")
                .setServerConfig("tcp_keepalives_interval", "10")
                .setServerConfig("tcp_keepalives_count", "3")
                .setServerConfig("tcp_user_timeout", "60000")
                // TLS always served; required of every TCP client unless the clients are told sslmode=disable
                // (pg_hba.conf, written on every start below).
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", settings.home().resolve(DevelopmentCertificate.POSTGRES_CERTIFICATE).toString())
                .setServerConfig("ssl_key_file", settings.home().resolve(DevelopmentCertificate.POSTGRES_KEY).toString())
                .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
                .setConnectConfig("password", superuserPassword)
                .setConnectConfig("sslmode", tls.sslMode())
                .setConnectConfig("sslrootcert", tls.rootCertificate().toString())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LocalPostgres local = new LocalPostgres(postgres, data);
        if (!Files.exists(data.resolve(BOOTSTRAPPED))) {
            local.bootstrap(settings, data, superuserPassword);
        }
        local.requirePasswords(data, !tls.sslMode().equals("disable"));
        return local;
    }

    /** A random password for the superuser, made on the first start and kept beside the data, readable by root only. */
    private static String superuserPassword(Path root) throws IOException {
        Path file = root.resolve("superuser.password");
        if (!Files.exists(file)) {
            Files.createDirectories(root);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).trim();
    }

    private void bootstrap(StackSettings settings, Path data, String superuserPassword) throws IOException {
        String role = quoteIdentifier(settings.databaseUser().user());
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD " + quoteLiteral(superuserPassword));
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = " + quoteLiteral(settings.databaseUser().user()))) {
                s.execute("CREATE ROLE " + role + " LOGIN");
            }
            s.execute("ALTER ROLE " + role + " PASSWORD " + quoteLiteral(settings.databaseUser().password()));
            if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = " + quoteLiteral(settings.databaseName()))) {
                s.execute("CREATE DATABASE " + quoteIdentifier(settings.databaseName()) + " OWNER " + role);
            }
            Files.writeString(data.resolve(BOOTSTRAPPED), "");
        } catch (SQLException e) {
            throw new IOException("could not create the database and role: " + e.getMessage(), e);
        }
    }

    /**
     * Passwords for every connection, and over TCP TLS as well (hostssl: a client in the clear finds no entry and is
     * refused) unless tls is false. Written on every start, so a data directory made before takes the current rules.
     */
    private void requirePasswords(Path data, boolean tls) throws IOException {
        String tcp = tls ? "hostssl" : "host   ";
        Files.writeString(data.resolve("pg_hba.conf"), "# Written by the Waybill launcher on every start: passwords for"
                + " every connection" + (tls ? ", TLS for every TCP connection" : "") + ".\n"
                + "local   all all                scram-sha-256\n"
                + tcp + " all all 127.0.0.1/32   scram-sha-256\n"
                + tcp + " all all ::1/128        scram-sha-256\n");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not reload pg_hba.conf: " + e.getMessage(), e);
        }
    }

    /**
     * A database of that name, empty and owned by the application's role, dropped first if it exists (its sessions
     * ended): for a node the tests run on a database of its own. Needs the superuser, which only this class knows.
     */
    void freshDatabase(StackSettings settings, String name) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quoteIdentifier(name) + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + quoteIdentifier(name) + " OWNER "
                    + quoteIdentifier(settings.databaseUser().user()));
        } catch (SQLException e) {
            throw new IOException("could not create the database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Sets a server setting (ALTER SYSTEM, then a reload), or back to its default with null. Needs the superuser. */
    void setting(String name, String value) throws IOException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting's name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(value == null ? "ALTER SYSTEM RESET " + name : "ALTER SYSTEM SET " + name + " = " + quoteLiteral(value));
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (var rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A crash, as of the machine under it: every process of the server killed (SIGKILL) at once, its helpers before the
     * postmaster, so that none flushes the WAL on the way out. What was committed without a flush can be lost; the next
     * start recovers from the WAL. Then {@link #close} only releases the data directory (zonky logs that it found no
     * server to stop).
     */
    void kill() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("no PostgreSQL running as " + pid));
        List<ProcessHandle> server = Stream.concat(postmaster.descendants(), Stream.of(postmaster)).toList();
        server.forEach(ProcessHandle::destroyForcibly);
        server.forEach(process -> process.onExit().join());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
