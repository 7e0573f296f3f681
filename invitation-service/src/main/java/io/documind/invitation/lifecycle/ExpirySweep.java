package io.documind.invitation.lifecycle;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes Expired on invitations whose time has passed and emits InvitationExpired for each, exactly once
 * even when several instances sweep at the same moment (see {@link InvitationRepository#expireDue}).
 * Reads never wait for it: an overdue invitation already reads as Expired.
 */
@Singleton
public class ExpirySweep {

    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final InvitationSettings settings;
    private final Clock clock;

    public ExpirySweep(InvitationRepository invitations, InvitationEvents events, InvitationSettings settings,
                       Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sweeps batch after batch until one finds nothing; returns how many it expired. A short batch is no sign
     * of the end: rows another sweeper holds are skipped, and may hide due rows behind the batch limit.
     */
    public int sweep() {
        return sweep(() -> true);
    }

    /** As {@link #sweep()}, asking {@code goOn} before each further batch: a stopping instance ends after one. */
    public int sweep(BooleanSupplier goOn) {
        int total = 0;
        int expired;
        do {
            expired = expireDue();
            total += expired;
        } while (expired > 0 && goOn.getAsBoolean());
        return total;
    }

    /** One batch in one transaction: the status changes and their events commit together. */
    @Transactional
    public int expireDue() {
        List<Invitation> expired = invitations.expireDue(clock.instant(), settings.getSweepBatchSize());
        expired.forEach(events::expired);
        return expired.size();
    }
}
