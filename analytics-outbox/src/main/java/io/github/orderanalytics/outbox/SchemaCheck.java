package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Says at start, clearly, what the outbox table lacks, instead of failing on the first claim. */
final class SchemaCheck {
    private SchemaCheck() {}

    static void check(Connection c, OutboxTable table, Dialect dialect) {
        String ddl = "io/github/orderanalytics/outbox/" + dialect.ddlFile()
                + " (in analytics-outbox; OutboxSchema.create runs it)";
        Set<String> present = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table.name + " WHERE 1 = 0");
                ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                present.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("order-analytics outbox: table " + table.name + " cannot be read ("
                    + e.getMessage() + "). Create it with " + ddl + ".");
        }
        List<String> missing = new ArrayList<>();
        for (String column : OutboxTable.COLUMNS) {
            if (!present.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("order-analytics outbox: table " + table.name + " lacks column(s) "
                    + String.join(", ", missing) + ". Create it with " + ddl + ".");
        }
    }
}
