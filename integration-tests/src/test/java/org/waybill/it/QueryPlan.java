package org.waybill.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new QueryPlan(Json.createReader(new StringReader(rs.getString(1))).readArray()
                        .getJsonObject(0).getJsonObject("Plan"));
            }
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
