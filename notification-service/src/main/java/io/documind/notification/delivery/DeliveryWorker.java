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
 *       for or take each other's row) with a short lease and a token of its own;</li>
 *   <li>send it over SMTP with no transaction open, while a {@link ClaimHeartbeat} renews the lease;</li>
 *   <li>record the outcome (Sent + EmailSent, retry later, or Failed + EmailFailed) only if the row still
 *       carries the claim's token.</li>
 * </ol>
 * <b>Why a heartbeat lease</b> and not a session-level advisory lock held on the claiming connection: a lock
 * dies with its connection, which PostgreSQL notices at once for a killed process but only after TCP keepalive
 * (hours by default) for a frozen or cut-off host, and it would pin a pooled connection for the whole SMTP
 * exchange and vanish silently on a database restart. A lease of seconds, renewed every fifth of it, bounds
 * the takeover of a dead sender's email to one lease whatever killed it, holds no connection between beats,
 * and no longer has to outlast the slowest send.
 *
 * <p>So an email is sent twice only if its sender dies (or loses the database for longer than a lease) between
 * the SMTP server taking it and the outcome being recorded: SMTP offers no exactly-once, and the copy goes out
 * seconds later with the same {@code Message-ID} (see {@link Mailer}), so receiving systems can drop it.
 * A stopping instance claims nothing more and finishes the email in hand, outcome included, so a graceful stop
 * (SIGTERM) does not make an email go out twice (short of a send that outlasts the stop's bound).
 */
@Context
public class DeliveryWorker implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Longest the closing phase of a stop waits for an email the graceful phase did not see through. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);
    /** How long recording an outcome rides out a database outage; the heartbeat keeps the claim meanwhile. */
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(2);

    private final DeliveryConfiguration config;
    private final NotificationRepository notifications;
    private final DeliveryOutcomes outcomes;
    private final Mailer mailer;
    private final MailSealer sealer;
    private final DeliverySignal signal;
    private final SmtpProbe probe;
    private final TransactionOperations<Connection> transactions;
    private final RetryPolicy retryPolicy;
    private final Backoff trouble = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    private final Shutdown shutdown;
    private final BackgroundWorker worker = new BackgroundWorker("email-delivery");
    private long nextSweep;

    public DeliveryWorker(DeliveryConfiguration config, NotificationRepository notifications,
                          DeliveryOutcomes outcomes, Mailer mailer, MailSealer sealer, DeliverySignal signal,
                          SmtpProbe probe, TransactionOperations<Connection> transactions, Shutdown shutdown) {
        if (config.heartbeatInterval().toMillis() < 10) {
            throw new IllegalStateException("documind.notification.delivery.lease (" + config.getLease()
                    + ") is too short to be renewed in time");
        }
        this.config = config;
        this.notifications = notifications;
        this.outcomes = outcomes;
        this.mailer = mailer;
        this.sealer = sealer;
        this.signal = signal;
        this.probe = probe;
        this.transactions = transactions;
        this.shutdown = shutdown;
        this.retryPolicy = new RetryPolicy(config.getRetryFor(), config.backoff());
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
        Optional<Claim> claimed = transactions.executeWrite(s -> notifications.claimNext(sealer.keyId(), config.getLease()));
        if (claimed.isEmpty()) {
            return false;
        }
        Claim claim = claimed.get();
        try (ClaimHeartbeat heartbeat = new ClaimHeartbeat(claim, config.heartbeatInterval(),
                () -> transactions.executeWrite(s -> notifications.renew(claim, config.getLease())))) {
            deliver(claim);
        }
        return true;
    }

    private void deliver(Claim claim) {
        RenderedEmail email;
        try {
            email = sealer.open(claim.id(), claim.sealedBody());
        } catch (GeneralSecurityException e) {
            // The key id matched, so the bytes were altered: nothing sendable is left.
            settle(claim, () -> outcomes.failed(claim, "the sealed message does not verify"));
            return;
        }
        try {
            mailer.send(claim.id(), claim.recipient(), email);
            settle(claim, () -> outcomes.sent(claim));
        } catch (SendFailure failure) {
            if (failure.kind() == SendFailure.Kind.SERVER_UNAVAILABLE) {
                probe.serverAway();
            }
            switch (retryPolicy.after(claim.attempts(), claim.age(), failure)) {
                case RetryPolicy.RetryAfter retry -> settle(claim, () -> outcomes.retryLater(claim, retry.delay(), failure));
                case RetryPolicy.GiveUp giveUp -> settle(claim, () -> outcomes.failed(claim, giveUp.reason()));
            }
        }
    }

    /**
     * Records an outcome, riding out a database outage for a while: giving up early after a successful send
     * would let the email be sent again once the claim runs out.
     */
    private void settle(Claim claim, Runnable outcome) {
        long deadline = System.nanoTime() + SETTLE_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                outcome.run();
                return;
            } catch (RuntimeException e) {
                Duration pause = trouble.delay(attempt);
                if (!Failures.isTransient(e) || System.nanoTime() + pause.toNanos() >= deadline) {
                    LOG.error("Could not record the outcome of email {}; it is retried when its claim runs out", claim.id(), e);
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
