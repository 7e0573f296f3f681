package io.documind.localstack;

/** A single Kafka broker that tests and the local stack talk to; {@link #stop()}/{@link #start()} simulate an outage. */
public interface KafkaBroker extends AutoCloseable {

    /** host:port for {@code bootstrap.servers}, e.g. {@code 127.0.0.1:39211}; stable across stop/start. */
    String bootstrapServers();

    /** Makes the broker unreachable while keeping its data. */
    void stop();

    /** Brings the broker back on the same address with the same data. */
    void start();

    @Override
    void close();
}
