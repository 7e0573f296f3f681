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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Sends recorded email, outside any consumer transaction, safely with any number of instances, each running
 * {@code workers} senders (default 4) that claim and send independently:
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
 *
 * <p><b>Why several senders per instance:</b> an SMTP exchange is mostly waiting (connect, the server's replies, its
 * write to disk), so one sender drains a backlog one round trip at a time: after an outage the mail of its whole
 * length queues behind that round trip, and the newest (an acceptance note) waits for all of it. A few senders over
 * the same claims overlap those waits; the claim (one row, {@code SKIP LOCKED}, its own token) keeps each email with
 * one sender exactly as it does across instances.
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
    private final List<BackgroundWorker> senders;
    private final AtomicLong nextSweep;

    public DeliveryWorker(DeliveryConfiguration config, NotificationRepository notifications,
                          DeliveryOutcomes outcomes, Mailer mailer, MailSealer sealer, DeliverySignal signal,
                          SmtpProbe probe, TransactionOperations<Connection> transactions, Shutdown shutdown) {
        if (config.getWorkers() < 1) {
            throw new IllegalStateException("documind.notification.delivery.workers (" + config.getWorkers()
                    + ") must be at least 1");
        }
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
        this.nextSweep = new AtomicLong(System.nanoTime());
        this.senders = IntStream.rangeClosed(1, config.getWorkers())
                .mapToObj(i -> new BackgroundWorker("email-delivery-" + i)).toList();
    }

    @PostConstruct
    void start() {
        if (!config.isEnabled()) {
            LOG.info("Delivery worker disabled (documind.notification.delivery.enabled=false)");
            return;
        }
        senders.forEach(sender -> sender.start(() -> run(sender)));
    }

    /** The graceful phase of a stop: claim nothing more; the emails in hand are sent and their outcomes recorded. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        CompletableFuture<?>[] stopped = senders.stream()
                .map(sender -> sender.stopGracefully().toCompletableFuture()).toArray(CompletableFuture[]::new);
        signal.signal();
        return CompletableFuture.allOf(stopped);
    }

    /** The closing phase: interrupted only once out of time, as an interrupted send may be sent again later. */
    @PreDestroy
    void stop() throws InterruptedException {
        shutdownGracefully();
        // One patience for all: the senders stop side by side, so waiting for one is waiting for the others.
        long deadline = System.nanoTime() + shutdown.patience(STOP_PATIENCE).toNanos();
        for (BackgroundWorker sender : senders) {
            sender.stopNow(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    private void run(BackgroundWorker sender) {
        int failures = 0;
        while (sender.isRunning()) {
            try {
                sweepOrphansWhenDue();
                long seen = signal.seen();
                boolean delivered = deliverNext();
                failures = 0;
                if (!delivered) {
                    signal.await(seen, config.getPollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                Duration pause = trouble.delay(failures);
                LOG.warn("Delivery worker failed ({}); retrying in {} ms", e.toString(), pause.toMillis());
                try {
                    signal.await(signal.seen(), pause);
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
        if (claim.withdrawn() != null) {
            settle(claim, () -> outcomes.withdrawn(claim));
            return;
        }
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

    /** One sender sweeps, whichever sees it due first. */
    private void sweepOrphansWhenDue() {
        long now = System.nanoTime();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL.toNanos())) {
            return;
        }
        int failed = outcomes.failOrphans(sealer.keyId(), config.getOrphanGrace());
        if (failed > 0) {
            LOG.warn("Marked {} email(s) Failed that were sealed under a key no running instance holds", failed);
        }
    }
}
