package io.github.orderanalytics.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What a test reads of its database, in one statement on a connection of its own. */
public final class Sql {
    private Sql() {}

    /** The first column of each row {@code query} returns, as text, in the order returned. */
    public static List<String> column(DataSource dataSource, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
