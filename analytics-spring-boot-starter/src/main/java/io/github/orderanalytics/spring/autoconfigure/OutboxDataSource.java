package io.github.orderanalytics.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The DataSource that holds the outbox table, with its bean name for messages: the one named by
 * {@code order-analytics.outbox.data-source}, else the only DataSource, else the primary one.
 */
record OutboxDataSource(String name, DataSource dataSource) {

    static OutboxDataSource resolve(ConfigurableListableBeanFactory beans, @Nullable String configured) {
        List<String> names = Arrays.asList(beans.getBeanNamesForType(DataSource.class));
        if (configured != null && !configured.isBlank()) {
            if (!names.contains(configured)) {
                throw new IllegalStateException("order-analytics.outbox.data-source is '" + configured
                        + "', but the DataSource beans are " + names);
            }
            return new OutboxDataSource(configured, beans.getBean(configured, DataSource.class));
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(
                    "order-analytics.outbox.enabled=true needs a DataSource bean for the outbox table; there is none");
        }
        if (names.size() == 1) {
            return new OutboxDataSource(names.get(0), beans.getBean(names.get(0), DataSource.class));
        }
        List<String> primary = new ArrayList<>();
        for (String name : names) {
            if (beans.containsBeanDefinition(name)
                    && beans.getBeanDefinition(name).isPrimary()) {
                primary.add(name);
            }
        }
        if (primary.size() != 1) {
            throw new IllegalStateException("order-analytics.outbox: there are several DataSources " + names
                    + " and " + (primary.isEmpty() ? "none" : "more than one") + " is primary; set"
                    + " order-analytics.outbox.data-source to the one that holds the outbox table");
        }
        return new OutboxDataSource(primary.get(0), beans.getBean(primary.get(0), DataSource.class));
    }
}
