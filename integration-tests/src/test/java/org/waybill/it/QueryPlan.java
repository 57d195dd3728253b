package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a query really did, from PostgreSQL's {@code EXPLAIN (ANALYZE, FORMAT JSON)}: a measure of its work that does
 * not depend on the machine's speed.
 */
final class QueryPlan {
    private final JsonObject root;

    private QueryPlan(JsonObject root) {
        this.root = root;
    }

    /** Runs the query (its locks and writes stay in the connection's transaction) with every parameter set to value. */
    static QueryPlan analyzed(Connection c, String query, int value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + query)) {
            for (int p = 1; p <= s.getParameterMetaData().getParameterCount(); p++) {
                s.setInt(p, value);
            }
            return of(s);
        }
    }

    /** Runs the query with its parameters, planned for these values (a custom plan). */
    static QueryPlan analyzed(Connection c, String query, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + query)) {
            return of(bound(s, values));
        }
    }

    /**
     * Runs the query with its parameters in the plan PostgreSQL makes for any values (a generic plan), which it
     * goes on to use for a statement prepared on the server once that plan looks no dearer than the custom ones.
     * Every {@code ?} of the query is a parameter; the values go in as text literals of the parameters' types.
     */
    static QueryPlan analyzedGeneric(Connection c, String query, Object... values) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char ch : query.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++parameter : String.valueOf(ch));
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE generic (" + parameterTypes(c, query) + ") AS " + numbered);
            // EXECUTE's arguments as literals: EXPLAIN passes no bound parameters on to them.
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE generic ("
                    + Arrays.stream(values).map(v -> "'" + String.valueOf(v).replace("'", "''") + "'")
                            .collect(Collectors.joining(", ")) + ")")) {
                return of(explain);
            } finally {
                s.execute("DEALLOCATE generic");
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    /** As the server infers them, for a PREPARE: an array type is named by its element's name with an underscore. */
    private static String parameterTypes(Connection c, String query) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            ParameterMetaData parameters = s.getParameterMetaData();
            List<String> types = new ArrayList<>();
            for (int p = 1; p <= parameters.getParameterCount(); p++) {
                String type = parameters.getParameterTypeName(p);
                types.add(type.startsWith("_") ? type.substring(1) + "[]" : type);
            }
            return String.join(", ", types);
        }
    }

    private static PreparedStatement bound(PreparedStatement s, Object... values) throws SQLException {
        for (int p = 1; p <= values.length; p++) {
            s.setObject(p, values[p - 1]);
        }
        return s;
    }

    private static QueryPlan of(PreparedStatement explain) throws SQLException {
        try (ResultSet rs = explain.executeQuery()) {
            rs.next();
            return new QueryPlan(Json.createReader(new StringReader(rs.getString(1))).readArray()
                    .getJsonObject(0).getJsonObject("Plan"));
        }
    }

    /** The rows the query returned. */
    long rows() {
        return Math.round(number(root, "Actual Rows") * loops(root));
    }

    /**
     * The rows the scans of the table read, in all their loops: those they passed on and those their filters removed.
     * A plan that scans the table once per row of another scan shows here as a product of the two.
     */
    long rowsRead(String table) {
        return scans(table).mapToLong(
                scan -> Math.round((number(scan, "Actual Rows") + number(scan, "Rows Removed by Filter")) * loops(scan))).sum();
    }

    /** How often the table's most repeated scan ran: 1 if the query reads it by no nested loop. */
    long mostLoops(String table) {
        return scans(table).mapToLong(scan -> Math.round(loops(scan))).max().orElse(0);
    }

    private Stream<JsonObject> scans(String table) {
        return nodes(root).filter(node -> table.equals(node.getString("Relation Name", null)));
    }

    private static Stream<JsonObject> nodes(JsonObject node) {
        return Stream.concat(Stream.of(node), node.getOrDefault("Plans", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()
                .stream().map(JsonValue::asJsonObject).flatMap(QueryPlan::nodes));
    }

    /** Per loop, as EXPLAIN reports it; 0 if the node has no such figure. */
    private static double number(JsonObject node, String name) {
        return node.containsKey(name) ? node.getJsonNumber(name).doubleValue() : 0;
    }

    private static double loops(JsonObject node) {
        return number(node, "Actual Loops");
    }

    /** The plan's scans of tables, one a line, for a failure message. */
    @Override
    public String toString() {
        return nodes(root).filter(node -> node.containsKey("Relation Name"))
                .map(scan -> scan.getString("Node Type") + " " + scan.getString("Index Name", "") + " on "
                        + scan.getString("Relation Name") + ": " + number(scan, "Actual Rows") + " rows (and "
                        + number(scan, "Rows Removed by Filter") + " filtered out) x " + loops(scan) + " loops")
                .collect(Collectors.joining("\n"));
    }
}
