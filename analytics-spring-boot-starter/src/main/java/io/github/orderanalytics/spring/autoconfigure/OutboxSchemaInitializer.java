package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.spring.OutboxProperties.InitializeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Creates the outbox table at start where {@code order-analytics.outbox.initialize-schema} says so, with
 * Boot's own script initializer, as Quartz and Batch do: the shipped {@code schema-@@platform@@.sql}
 * (MariaDB takes MySQL's), and {@code embedded} means what Boot means by it (an in-memory database). The
 * DDL is idempotent; a table other than the default gets the script with its own name.
 */
final class OutboxSchemaInitializer extends DataSourceScriptDatabaseInitializer {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.outbox");
    private static final String SCRIPT = "classpath:io/github/orderanalytics/outbox/schema-@@platform@@.sql";

    private final String table;
    private final InitializeSchema mode;

    OutboxSchemaInitializer(DataSource dataSource, InitializeSchema mode, String table) {
        super(dataSource, settings(dataSource, mode));
        this.table = table;
        this.mode = mode;
    }

    private static DatabaseInitializationSettings settings(DataSource dataSource, InitializeSchema mode) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setMode(
                switch (mode) {
                    case ALWAYS -> DatabaseInitializationMode.ALWAYS;
                    case NEVER -> DatabaseInitializationMode.NEVER;
                    case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
                });
        if (mode != InitializeSchema.NEVER) {
            settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver()
                    .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
                    .resolveAll(dataSource, SCRIPT));
        }
        return settings;
    }

    /** Whether this start creates what is missing: the reconciliation's lease table follows the same rule. */
    boolean createsTables() {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> isEmbeddedDatabase();
        };
    }

    @Override
    protected void runScripts(Scripts scripts) {
        List<Resource> named = new ArrayList<>();
        Charset encoding = scripts.getEncoding() != null ? scripts.getEncoding() : StandardCharsets.UTF_8;
        for (Resource script : scripts) {
            try {
                String text = script.getContentAsString(encoding);
                named.add(new ByteArrayResource(
                        OutboxSchema.forTable(text, table).getBytes(encoding), script.getDescription()));
            } catch (IOException e) {
                throw new UncheckedIOException("order-analytics outbox: cannot read " + script, e);
            }
        }
        super.runScripts(new Scripts(named)
                .continueOnError(scripts.isContinueOnError())
                .separator(scripts.getSeparator())
                .encoding(encoding));
        log.info("order-analytics outbox: table {} is in place", table);
    }

    static String name(InitializeSchema mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
