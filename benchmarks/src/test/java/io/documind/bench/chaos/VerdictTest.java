package io.documind.bench.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {

    private static final long FAULT_ENDED = 10_000;
    private static final long TARGET = 10_000;

    @Test
    void everythingSeenOnceConvergesWhenTheLastEffectPromisedBeforeTheFaultEndWasSeen() {
        Ledger ledger = new Ledger();
        ledger.expect("admin", 5_000).seen(13_500);
        ledger.expect("late admin", 12_000).seen(30_000); // promised after the fault: not part of the catch-up
        ledger.expectEmail("a@x", Ledger.Kind.WELCOME, 6_000);
        Verdict v = Verdict.of("s", ok(), ledger, List.of(mail("a@x", "n1", 14_000, "Welcome to A")), FAULT_ENDED, 0, false, TARGET);
        assertTrue(v.passed(), v.line());
        assertEquals(3, v.expected());
        assertEquals(3, v.seen());
        assertEquals(4_000, v.convergeMillis());
    }

    @Test
    void aCatchUpSlowerThanTheTargetFailsAndNamesTheEmailThatCameLast() {
        Ledger ledger = new Ledger();
        ledger.expect("admin", 5_000).seen(12_000);
        ledger.expectEmail("e@x", Ledger.Kind.ACCEPTED, 6_000);
        SinkMailbox.Mail late = mail("e@x", "n1", 20_500, "e joined E");
        Verdict v = Verdict.of("s", ok(), ledger, List.of(late), FAULT_ENDED, 0, false, TARGET);
        assertFalse(v.passed(), v.line());
        assertFalse(v.converged());
        assertEquals(10_500, v.convergeMillis());
        assertEquals(new Ledger.EmailKey("e@x", Ledger.Kind.ACCEPTED), v.slowestEmail());
        assertEquals(late, v.slowestCopy());
        assertTrue(v.line().contains("converged 10.5 s (target 10 s)"), v.line());
        assertTrue(Verdict.of("s", ok(), ledger, List.of(late), FAULT_ENDED, 0, false, 11_000).passed());
    }

    @Test
    void anEmailPromisedAfterTheFaultsEndIsNotPartOfTheCatchUp_thoughItsAddressWasPromisedOneBefore() {
        Ledger ledger = new Ledger();
        ledger.expectEmail("f@x", Ledger.Kind.ACCEPTED, 6_000);
        ledger.expectEmail("f@x", Ledger.Kind.ACCEPTED, 19_000); // a second acceptance, after the fault
        Verdict v = Verdict.of("s", ok(), ledger, List.of(mail("f@x", "n1", 12_000, "a joined F"),
                mail("f@x", "n2", 25_000, "b joined F")), FAULT_ENDED, 0, false, TARGET);
        assertTrue(v.passed(), v.line());
        assertEquals(2_000, v.convergeMillis());
        assertEquals("n1", v.slowestCopy().notificationId());
    }

    @Test
    void aMissingEmailOrEffectIsLost() {
        Ledger ledger = new Ledger();
        ledger.expect("member", 5_000);
        ledger.expectEmail("b@x", Ledger.Kind.INVITATION, 5_000);
        ledger.expectEmail("b@x", Ledger.Kind.INVITATION, 5_000);
        Verdict v = Verdict.of("s", ok(), ledger, List.of(mail("b@x", "n1", 6_000, "You are invited to join A")),
                FAULT_ENDED, 0, false, TARGET);
        assertFalse(v.passed());
        assertEquals(2, v.lost());
        assertEquals(-1, v.convergeMillis());
    }

    @Test
    void copiesBeyondThePromiseAreDoubledAndAllowedOnlyUpToTheScenariosKills() {
        Ledger ledger = new Ledger();
        ledger.expectEmail("c@x", Ledger.Kind.WELCOME, 5_000);
        List<SinkMailbox.Mail> twice = List.of(mail("c@x", "n1", 6_000, "Welcome to C"), mail("c@x", "n1", 40_000, "Welcome to C"));
        Verdict strict = Verdict.of("s", ok(), ledger, twice, FAULT_ENDED, 0, false, TARGET);
        assertFalse(strict.passed());
        assertEquals(1, strict.doubled());
        assertEquals(1, strict.duplicateCopies());
        assertTrue(Verdict.of("s", ok(), ledger, twice, FAULT_ENDED, 1, false, TARGET).passed());
        // Two distinct emails where one was promised is doubled too, though no id repeats.
        List<SinkMailbox.Mail> two = List.of(mail("c@x", "n1", 6_000, "Welcome to C"), mail("c@x", "n2", 7_000, "Welcome to C"));
        Verdict distinct = Verdict.of("s", ok(), ledger, two, FAULT_ENDED, 0, false, TARGET);
        assertEquals(1, distinct.doubled());
        assertEquals(0, distinct.duplicateCopies());
    }

    @Test
    void anAddressWhoseRequestGotNoAnswerIsNotCountedEitherWay() {
        Ledger ledger = new Ledger();
        ledger.expectEmail("d@x", Ledger.Kind.WELCOME, 5_000);
        ledger.taint("d@x");
        List<SinkMailbox.Mail> twice = List.of(mail("d@x", "n1", 6_000, "Welcome to D"), mail("d@x", "n2", 7_000, "Welcome to D"));
        assertTrue(Verdict.of("s", ok(), ledger, twice, FAULT_ENDED, 0, false, TARGET).passed());
    }

    @Test
    void a503PassesOnlyInADatabaseOutageAndAny500Fails() {
        Tally outage = ok();
        outage.answered(503);
        outage.unanswered(); // a killed process refuses connections: reported, not a failure
        assertTrue(Verdict.of("s", outage, new Ledger(), List.of(), FAULT_ENDED, 0, true, TARGET).passed());
        assertFalse(Verdict.of("s", outage, new Ledger(), List.of(), FAULT_ENDED, 0, false, TARGET).passed());
        Tally bug = ok();
        bug.answered(500);
        assertFalse(Verdict.of("s", bug, new Ledger(), List.of(), FAULT_ENDED, 0, true, TARGET).passed());
        assertEquals(1, bug.serverErrors(true));
    }

    private static Tally ok() {
        Tally tally = new Tally();
        tally.answered(201);
        return tally;
    }

    private static SinkMailbox.Mail mail(String to, String id, long at, String subject) {
        return new SinkMailbox.Mail(at, List.of(to), "<" + id + "@documind>", id, subject, "");
    }
}
