package io.documind.kit.jdbc;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Tells pgjdbc not to copy PostgreSQL's error detail into exception messages. The detail holds row values ("Failing
 * row contains (…)": a tenant's data, a secret's hash), and the kit logs such messages at ERROR and copies them into a
 * dead-lettered event's {@code dlt.reason}; the error's message and SQL state still say what failed.
 *
 * <p>A listener rather than a line in KitDefaults: Micronaut normalizes configuration keys, so
 * {@code data-source-properties.logServerErrorDetail} reached the driver under another name and had no effect
 * (DatabaseErrorDetailTest). The pool is built after this runs, so every connection gets the property.
 */
@Singleton
public class QuietServerErrors implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String PROPERTY = "logServerErrorDetail";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.addDataSourceProperty(PROPERTY, "false");
        return configuration;
    }
}
