package io.documind.notification.delivery;

import io.documind.kit.Backoff;
import io.documind.kit.consumer.Failures;
import io.documind.kit.lifecycle.BackgroundWorker;
import io.documind.kit.lifecycle.Shutdown;
import io.documind.notification.template.RenderedEmail;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sends recorded email, outside any consumer transaction, safely with any number of instances:
 * <ol>
 *   <li>claim one due row in a short transaction ({@code FOR UPDATE SKIP LOCKED}, so instances never wait
 *       for or take each other's row) with a lease and a token of its own;</li>
 *   <li>send it over SMTP with no transaction open;</li>
 *   <li>record the outcome (Sent + EmailSent, retry later, or Failed + EmailFailed) only if the row still
 *       carries the claim's token.</li>
 * </ol>
 * In the normal path an email is sent once: nobody else can claim it while the lease runs, and the lease is
 * several times the slowest possible send (checked at startup). Only a crash between the SMTP server taking
 * the email and the outcome being recorded can send it again, once the lease has run out; SMTP offers no way
 * to make that exactly-once, and the {@value Mailer#NOTIFICATION_HEADER} header lets the copies be recognised.
 * A stopping instance claims nothing more and finishes the email in hand, outcome included, so a graceful stop
 * (SIGTERM) does not make an email go out twice (short of a send that outlasts the stop's bound).
 */
@Context
public class DeliveryWorker implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Longest the closing phase of a stop waits for an email the graceful phase did not see through. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final DeliveryConfiguration config;
    private final NotificationRepository notifications;
    private final DeliveryOutcomes outcomes;
    private final Mailer mailer;
    private final MailSealer sealer;
    private final DeliverySignal signal;
    private final TransactionOperations<Connection> transactions;
    private final RetryPolicy retryPolicy;
    private final Backoff trouble = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    private final Shutdown shutdown;
    private final BackgroundWorker worker = new BackgroundWorker("email-delivery");
    private long nextSweep;

    public DeliveryWorker(DeliveryConfiguration config, SmtpConfiguration smtp, NotificationRepository notifications,
                          DeliveryOutcomes outcomes, Mailer mailer, MailSealer sealer, DeliverySignal signal,
                          TransactionOperations<Connection> transactions, Shutdown shutdown) {
        Duration slowestSend = smtp.worstCaseSend();
        if (config.getLease().compareTo(slowestSend.multipliedBy(2)) < 0) {
            throw new IllegalStateException("documind.notification.delivery.lease (" + config.getLease()
                    + ") must be at least twice the slowest SMTP send the timeouts allow (" + slowestSend
                    + "): a claim must never run out while its email is being sent");
        }
        this.config = config;
        this.notifications = notifications;
        this.outcomes = outcomes;
        this.mailer = mailer;
        this.sealer = sealer;
        this.signal = signal;
        this.transactions = transactions;
        this.shutdown = shutdown;
        this.retryPolicy = new RetryPolicy(config.getMaxAttempts(), config.backoff());
        this.nextSweep = System.nanoTime();
    }

    @PostConstruct
    void start() {
        if (!config.isEnabled()) {
            LOG.info("Delivery worker disabled (documind.notification.delivery.enabled=false)");
            return;
        }
        worker.start(this::run);
    }

    /** The graceful phase of a stop: claim nothing more; the email in hand is sent and its outcome recorded. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        CompletionStage<Void> stopped = worker.stopGracefully();
        signal.signal();
        return stopped;
    }

    /** The closing phase: interrupted only once out of time, as an interrupted send may be sent again later. */
    @PreDestroy
    void stop() throws InterruptedException {
        shutdownGracefully();
        worker.stopNow(shutdown.patience(STOP_PATIENCE));
    }

    private void run() {
        int failures = 0;
        while (worker.isRunning()) {
            try {
                sweepOrphansWhenDue();
                boolean delivered = deliverNext();
                failures = 0;
                if (!delivered) {
                    signal.await(config.getPollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                Duration pause = trouble.delay(failures);
                LOG.warn("Delivery worker failed ({}); retrying in {} ms", e.toString(), pause.toMillis());
                try {
                    signal.await(pause);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** Claims and sends one due email. @return false when nothing was due */
    public boolean deliverNext() {
        long claimedAt = System.nanoTime();
        Optional<Claim> claimed = transactions.executeWrite(s -> notifications.claimNext(sealer.keyId(), config.getLease()));
        if (claimed.isEmpty()) {
            return false;
        }
        Claim claim = claimed.get();
        RenderedEmail email;
        try {
            email = sealer.open(claim.id(), claim.sealedBody());
        } catch (GeneralSecurityException e) {
            // The key id matched, so the bytes were altered: nothing sendable is left.
            settle(claim, claimedAt, () -> outcomes.failed(claim, "the sealed message does not verify"));
            return true;
        }
        try {
            mailer.send(claim.id(), claim.recipient(), email);
            settle(claim, claimedAt, () -> outcomes.sent(claim));
        } catch (SendFailure failure) {
            switch (retryPolicy.after(claim.attempts(), failure)) {
                case RetryPolicy.RetryAfter retry ->
                        settle(claim, claimedAt, () -> outcomes.retryLater(claim, retry.delay(), failure.getMessage()));
                case RetryPolicy.GiveUp giveUp -> settle(claim, claimedAt, () -> outcomes.failed(claim, giveUp.reason()));
            }
        }
        return true;
    }

    /**
     * Records an outcome, riding out a database outage for as long as the claim is ours: giving up early
     * after a successful send would let the email be sent again once the lease runs out.
     */
    private void settle(Claim claim, long claimedAt, Runnable outcome) {
        long deadline = claimedAt + config.getLease().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                outcome.run();
                return;
            } catch (RuntimeException e) {
                Duration pause = trouble.delay(attempt);
                if (!Failures.isTransient(e) || System.nanoTime() + pause.toNanos() >= deadline) {
                    LOG.error("Could not record the outcome of email {}; it is retried when its lease ends", claim.id(), e);
                    return;
                }
                LOG.warn("Recording the outcome of email {} failed ({}); retrying in {} ms", claim.id(), e.toString(),
                        pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void sweepOrphansWhenDue() {
        long now = System.nanoTime();
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + SWEEP_INTERVAL.toNanos();
        int failed = outcomes.failOrphans(sealer.keyId(), config.getOrphanGrace());
        if (failed > 0) {
            LOG.warn("Marked {} email(s) Failed that were sealed under a key no running instance holds", failed);
        }
    }
}
