package io.documind.notification.delivery;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While mail waits because the SMTP server was away, asks the server every second or so whether it is back (a
 * connect and a QUIT, no mail), and when it is, makes that mail due at once. Without it, mail waiting alone has
 * nothing to release it early (the release on a successful send needs some other mail to be sent) and keeps its
 * own backoff, up to {@code max-backoff} (5 minutes) after the server returned.
 *
 * <p>It starts as if the server had been away, so an instance that starts after an outage (its predecessor's mail
 * still waiting) releases that mail on its first probe too; the release is one UPDATE that finds nothing when
 * nothing waits.
 */
@Singleton
public class SmtpProbe {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpProbe.class);

    private final DeliveryConfiguration config;
    private final SmtpSession session;
    private final DeliveryOutcomes outcomes;
    private final DeliverySignal signal;
    private final AtomicBoolean serverAway = new AtomicBoolean(true);
    private long nextProbe;

    public SmtpProbe(DeliveryConfiguration config, SmtpSession session, DeliveryOutcomes outcomes,
                     DeliverySignal signal) {
        this.config = config;
        this.session = session;
        this.outcomes = outcomes;
        this.signal = signal;
        this.nextProbe = System.nanoTime() + config.getServerProbeInterval().toNanos();
    }

    /** A send just found the server away: probe until it is back. */
    void serverAway() {
        serverAway.set(true);
    }

    /** Ticks every second; probes once {@code server-probe-interval} has passed since the last probe. */
    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void tick() {
        long now = System.nanoTime();
        if (!config.isEnabled() || !serverAway.get() || now - nextProbe < 0) {
            return;
        }
        nextProbe = now + config.getServerProbeInterval().toNanos();
        probe();
    }

    void probe() {
        // Cleared first: a send that fails while this probe runs sets it again, and is probed for next time.
        serverAway.set(false);
        try (Transport transport = session.session().getTransport()) {
            transport.connect();
        } catch (MessagingException e) {
            serverAway.set(true);
            LOG.debug("SMTP server still away: {}", e.toString());
            return;
        }
        int released = outcomes.serverBack();
        if (released > 0) {
            LOG.info("The SMTP server answers again: {} email(s) waiting for it are due now", released);
            signal.signal();
        }
    }
}
