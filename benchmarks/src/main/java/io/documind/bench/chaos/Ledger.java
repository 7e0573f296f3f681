package io.documind.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scenario's 2xx answers promised: effects the API must show (a document readable, a member holding its
 * organization token) and emails the sink must receive, each with when it was promised and when it was seen.
 */
final class Ledger {

    enum Kind { INVITATION, WELCOME, ACCEPTED, OTHER }

    /** An effect the API must show; seen once a check observed it. */
    static final class Effect {
        final String what;
        final long promisedAt;
        volatile long seenAt = -1;

        Effect(String what, long promisedAt) {
            this.what = what;
            this.promisedAt = promisedAt;
        }

        void seen(long at) {
            if (seenAt < 0) {
                seenAt = at;
            }
        }

        /** A later check found it gone (e.g. a document that answered 201 and no longer reads). */
        void lost() {
            seenAt = -1;
        }

        boolean isSeen() {
            return seenAt >= 0;
        }
    }

    record EmailKey(String recipient, Kind kind) {
    }

    private final List<Effect> effects = new ArrayList<>();
    private final Map<EmailKey, List<Long>> emails = new HashMap<>();
    private final Set<String> tainted = new HashSet<>();

    synchronized Effect expect(String what, long at) {
        Effect effect = new Effect(what, at);
        effects.add(effect);
        return effect;
    }

    synchronized void expectEmail(String recipient, Kind kind, long at) {
        emails.computeIfAbsent(new EmailKey(recipient.toLowerCase(), kind), k -> new ArrayList<>()).add(at);
    }

    /**
     * A request about this address got no answer: it may or may not have taken effect, so its emails are not
     * counted either way.
     */
    synchronized void taint(String recipient) {
        tainted.add(recipient.toLowerCase());
    }

    synchronized List<Effect> effects() {
        return List.copyOf(effects);
    }

    synchronized Map<EmailKey, List<Long>> emails() {
        Map<EmailKey, List<Long>> copy = new HashMap<>();
        emails.forEach((k, v) -> {
            if (!tainted.contains(k.recipient())) {
                copy.put(k, List.copyOf(v));
            }
        });
        return copy;
    }

    synchronized boolean isTainted(String recipient) {
        return tainted.contains(recipient.toLowerCase());
    }

    static Kind kindOf(SinkMailbox.Mail mail) {
        String subject = mail.subject() == null ? "" : mail.subject();
        if (subject.startsWith("You are invited")) {
            return Kind.INVITATION;
        }
        if (subject.startsWith("Welcome to")) {
            return Kind.WELCOME;
        }
        if (subject.contains(" joined ")) {
            return Kind.ACCEPTED;
        }
        return Kind.OTHER;
    }
}
