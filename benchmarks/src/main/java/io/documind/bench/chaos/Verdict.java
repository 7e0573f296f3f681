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
 * allows (doubled: one per kill during an SMTP send), or when a 5xx came other than a 503 in a database outage.
 */
record Verdict(String scenario, Tally tally, int expected, int seen, int lost, int doubled, int duplicateCopies,
               int allowedDuplicates, long serverErrors, long convergeMillis, String slowest, List<String> problems) {

    /**
     * @param faultEndedAt      epoch ms when the fault ended (the killed process was back)
     * @param allowedDuplicates extra copies the scenario may cause (a kill during an SMTP send)
     * @param databaseOutage    whether 503 answers are expected
     */
    static Verdict of(String scenario, Tally tally, Ledger ledger, List<SinkMailbox.Mail> mails, long faultEndedAt,
                      int allowedDuplicates, boolean databaseOutage) {
        List<String> problems = new ArrayList<>();
        int expected = 0;
        int seen = 0;
        long converged = 0;
        String slowest = "-";
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
            long lastNeeded = -1;
            for (SinkMailbox.Mail copy : copies) {
                if (distinct.add(copy.identity() == null ? "copy-" + copy.storedAtMillis() : copy.identity())
                        && distinct.size() == want) {
                    lastNeeded = copy.storedAtMillis();
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
            if (lastNeeded >= 0 && promised.getValue().getFirst() <= faultEndedAt && lastNeeded - faultEndedAt > converged) {
                converged = lastNeeded - faultEndedAt;
                slowest = promised.getKey().kind() + " email to " + promised.getKey().recipient();
            }
        }
        long serverErrors = tally.serverErrors(databaseOutage);
        return new Verdict(scenario, tally, expected, seen, lost, doubled, duplicateCopies, allowedDuplicates,
                serverErrors, lost > 0 ? -1 : converged, slowest, problems);
    }

    boolean passed() {
        return lost == 0 && doubled <= allowedDuplicates && serverErrors == 0;
    }

    String line() {
        return String.format("%-34s %s requests %6d  2xx %6d  waits %5d  errors %-22s effects %5d/%-5d lost %d"
                        + "  doubled %d (allowed %d)  duplicates by id %d  converged %s", scenario,
                passed() ? "PASS" : "FAIL", tally.requests(), tally.ok(), tally.waits(), tally.errors(), seen, expected,
                lost, doubled, allowedDuplicates, duplicateCopies,
                convergeMillis < 0 ? "never" : String.format("%.1f s", convergeMillis / 1000.0));
    }
}
