package io.documind.kit.outbox;

/** Kafka refused or did not acknowledge a send for a reason that passes: the rows stay pending, retried later. */
public class KafkaUnavailableException extends OutboxException {
    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
