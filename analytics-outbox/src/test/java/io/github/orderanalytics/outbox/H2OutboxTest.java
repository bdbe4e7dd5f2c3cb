package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class H2OutboxTest extends OutboxContract {
    @Override
    protected DataSource database() {
        return Databases.h2();
    }

    /** Needs no database of its own kind: the token is made before any SQL runs. */
    @Test
    void twoInstancesGivenTheSameRelayIdNeverShareAClaimToken() {
        OutboxRelay first = relay("checkout");
        OutboxRelay second = relay("checkout");
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(first.nextClaimToken());
            tokens.add(second.nextClaimToken());
        }

        assertThat(tokens).hasSize(200).allMatch(t -> t.startsWith("checkout#") && t.length() <= 200);
    }
}
