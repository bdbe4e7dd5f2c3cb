package io.github.orderanalytics.spring.testing;

import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A Boot application with the starter and a transaction manager, as the testkit's annotations meet it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

    @Bean
    DataSource dataSource() {
        return new DriverManagerDataSource("jdbc:h2:mem:testing;DB_CLOSE_DELAY=-1");
    }

    @Bean
    TransactionTemplate transactions(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
