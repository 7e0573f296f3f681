package io.documind.kit.outbox;

/**
 * Kafka refused or did not acknowledge a send for a reason that passes, or refused a record (whose key's later rows
 * then wait): the rows stay pending, retried after a pause.
 */
public class KafkaUnavailableException extends OutboxException {
    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
