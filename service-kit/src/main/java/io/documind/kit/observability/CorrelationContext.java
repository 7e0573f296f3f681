package io.documind.kit.observability;

import io.documind.kit.outbox.Outbox;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * A request's correlation id, carried in its propagated context: on whichever thread the request goes on (the event
 * loop, a virtual thread), the MDC's {@link Outbox#CORRELATION_ID} is this id for as long as the request runs there,
 * for the log lines and the outbox; the thread's own value comes back after.
 *
 * <p>Micronaut's {@code MdcPropagationContext} does this for a whole MDC map, copying the thread's map out and its own
 * in on every hop (twice per copy with logback): about 4% of a request's CPU in JFR profiles of
 * {@code ./dev bench documents}, more than the request's database read. One key needs no copy.
 */
record CorrelationContext(String id) implements ThreadPropagatedContextElement<String> {

    @Override
    public String updateThreadContext() {
        String previous = MDC.get(Outbox.CORRELATION_ID);
        MDC.put(Outbox.CORRELATION_ID, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(Outbox.CORRELATION_ID);
        } else {
            MDC.put(Outbox.CORRELATION_ID, previous);
        }
    }
}
