package io.documind.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario's outcome: the counts printed on its line and whether it passes. It fails when an effect or an
 * email a 2xx promised was never seen (lost), when more copies arrived than promised beyond what the scenario
 * allows (doubled: one per kill during an SMTP send), when a 5xx came other than a 503 in a database outage, or
 * when what was promised before the fault's end took longer than the target to be seen after it.
 * {@code slowestEmail} and {@code slowestCopy} name the email that came last, null when an effect did.
 */
record Verdict(String scenario, Tally tally, int expected, int seen, int lost, int doubled, int duplicateCopies,
               int allowedDuplicates, long serverErrors, long convergeMillis, long targetMillis, String slowest,
               Ledger.EmailKey slowestEmail, SinkMailbox.Mail slowestCopy, List<String> problems) {

    /**
     * @param faultEndedAt      epoch ms when the fault ended (the killed process was back)
     * @param allowedDuplicates extra copies the scenario may cause (a kill during an SMTP send)
     * @param databaseOutage    whether 503 answers are expected
     * @param targetMillis      the longest the catch-up after the fault may take
     */
    static Verdict of(String scenario, Tally tally, Ledger ledger, List<SinkMailbox.Mail> mails, long faultEndedAt,
                      int allowedDuplicates, boolean databaseOutage, long targetMillis) {
        List<String> problems = new ArrayList<>();
        int expected = 0;
        int seen = 0;
        long converged = 0;
        String slowest = "-";
        Ledger.EmailKey slowestEmail = null;
        SinkMailbox.Mail slowestCopy = null;
        for (Ledger.Effect effect : ledger.effects()) {
            expected++;
            if (effect.isSeen()) {
                seen++;
                if (effect.promisedAt <= faultEndedAt && effect.seenAt - faultEndedAt > converged) {
                    converged = effect.seenAt - faultEndedAt;
                    slowest = effect.what;
                }
            } else if (problems.size() < 5) {
                problems.add("lost: " + effect.what);
            }
        }
        Map<Ledger.EmailKey, List<SinkMailbox.Mail>> byKey = new HashMap<>();
        for (SinkMailbox.Mail mail : mails) {
            for (String recipient : mail.recipients()) {
                byKey.computeIfAbsent(new Ledger.EmailKey(recipient.toLowerCase(), Ledger.kindOf(mail)),
                        k -> new ArrayList<>()).add(mail);
            }
        }
        int lost = expected - seen;
        int doubled = 0;
        int duplicateCopies = 0;
        for (Map.Entry<Ledger.EmailKey, List<Long>> promised : ledger.emails().entrySet()) {
            int want = promised.getValue().size();
            List<SinkMailbox.Mail> copies = byKey.getOrDefault(promised.getKey(), List.of());
            Set<String> distinct = new LinkedHashSet<>();
            // The catch-up is owed only the emails promised before the fault's end: an address promised one then and
            // another after it (a second acceptance) has caught up once that many distinct copies arrived.
            long owed = promised.getValue().stream().filter(at -> at <= faultEndedAt).count();
            SinkMailbox.Mail lastOwed = null;
            for (SinkMailbox.Mail copy : copies) {
                if (distinct.add(copy.identity() == null ? "copy-" + copy.storedAtMillis() : copy.identity())
                        && distinct.size() == owed) {
                    lastOwed = copy;
                }
            }
            expected += want;
            seen += Math.min(want, distinct.size());
            int missing = Math.max(0, want - distinct.size());
            lost += missing;
            doubled += Math.max(0, copies.size() - want);
            duplicateCopies += copies.size() - distinct.size();
            if (missing > 0 && problems.size() < 5) {
                problems.add("lost: " + missing + " x " + promised.getKey().kind() + " to " + promised.getKey().recipient());
            } else if (copies.size() > want && problems.size() < 5) {
                problems.add("doubled: " + copies.size() + " x " + promised.getKey().kind() + " to "
                        + promised.getKey().recipient() + " (" + want + " promised)");
            }
            if (lastOwed != null && lastOwed.storedAtMillis() - faultEndedAt > converged) {
                converged = lastOwed.storedAtMillis() - faultEndedAt;
                slowest = promised.getKey().kind() + " email to " + promised.getKey().recipient();
                slowestEmail = promised.getKey();
                slowestCopy = lastOwed;
            }
        }
        long serverErrors = tally.serverErrors(databaseOutage);
        return new Verdict(scenario, tally, expected, seen, lost, doubled, duplicateCopies, allowedDuplicates,
                serverErrors, lost > 0 ? -1 : converged, targetMillis, slowest, slowestEmail, slowestCopy, problems);
    }

    boolean passed() {
        return lost == 0 && doubled <= allowedDuplicates && serverErrors == 0 && converged();
    }

    /** Whatever was promised before the fault's end was seen within the target after it. */
    boolean converged() {
        return convergeMillis >= 0 && convergeMillis <= targetMillis;
    }

    String line() {
        return String.format("%-34s %s requests %6d  2xx %6d  waits %5d  errors %-22s effects %5d/%-5d lost %d"
                        + "  doubled %d (allowed %d)  duplicates by id %d  converged %s (target %.0f s)", scenario,
                passed() ? "PASS" : "FAIL", tally.requests(), tally.ok(), tally.waits(), tally.errors(), seen, expected,
                lost, doubled, allowedDuplicates, duplicateCopies,
                convergeMillis < 0 ? "never" : String.format("%.1f s", convergeMillis / 1000.0), targetMillis / 1000.0);
    }
}
