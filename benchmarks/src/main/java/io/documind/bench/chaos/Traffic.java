package io.documind.bench.chaos;

import io.documind.bench.BenchStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.bench.Latencies;
import io.documind.bench.TokenEndpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady mixed traffic as clients make it: sign up and create an organization, wait for the Admin token, write and
 * read documents, refresh tokens, invite, sign up, prove the address with the emailed code (accepting needs it), accept
 * from the emailed link, wait for the member's token. Clients do not block on an event: what waits for one (a token, an
 * email) is pending and checked again, bounded in number.
 * Every 2xx that promises an effect goes into the {@link Ledger}; {@link #converge} then checks each was seen.
 */
final class Traffic {

    static final String PASSWORD = "correct horse 42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("/invitation/([^?\"'\\s<]+)\\?token=([A-Za-z0-9_\\-]+)");
    /**
     * The Register email every sign-up gets (notification-service's default subject) and its code. Its kind is
     * {@link Ledger.Kind#OTHER}: the ledger promises none, so the verdict neither counts nor misses it.
     */
    private static final String VERIFICATION_SUBJECT = "Your DocuMind verification code";
    private static final Pattern CODE = Pattern.compile("<strong>(\\d{6})</strong>");
    private static final int MAX_PENDING = 6;

    private final Map<String, String> urls;
    private final SinkMailbox mailbox;
    private final String tag;
    private final Tally tally;
    private final Ledger ledger;
    private final long paceMillis;
    private volatile Latencies latencies = new Latencies();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicInteger serial = new AtomicInteger();
    private final Queue<Org> pendingOrgs = new ConcurrentLinkedQueue<>();
    private final List<Org> readyOrgs = new CopyOnWriteArrayList<>();
    private final List<Doc> documents = new CopyOnWriteArrayList<>();
    private final Queue<Invite> invites = new ConcurrentLinkedQueue<>();
    private final Queue<Invitee> verifying = new ConcurrentLinkedQueue<>();
    private final Queue<Member> members = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    private static final class Account {
        final String email;
        final String access; // a user token (no organization), for sign-up's follow-ups and accepts
        volatile String refresh;

        Account(String email, String access, String refresh) {
            this.email = email;
            this.access = access;
            this.refresh = refresh;
        }
    }

    private static final class Org {
        final String id;
        final Account admin;
        final Ledger.Effect isAdmin;
        volatile String token;
        volatile boolean invitable;
        final AtomicInteger invitations = new AtomicInteger();

        Org(String id, Account admin, Ledger.Effect isAdmin) {
            this.id = id;
            this.admin = admin;
            this.isAdmin = isAdmin;
        }
    }

    private record Doc(String id, Org org, Ledger.Effect readable) {
    }

    private record Invite(Org org, String invitee) {
    }

    /** A signed-up invitee waiting for the code to prove the address: accepting needs email_verified. */
    private record Invitee(Invite invite, Account signedUp, String invitationId, String secret) {
    }

    private record Member(Org org, Account account, Ledger.Effect hasToken) {
    }

    private record Answer(int status, JsonNode body, String request) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** @param paceMillis least time between two steps of one client */
    Traffic(Map<String, String> urls, SinkMailbox mailbox, String tag, Tally tally, Ledger ledger, long paceMillis) {
        this.paceMillis = paceMillis;
        this.urls = urls;
        this.mailbox = mailbox;
        this.tag = tag;
        this.tally = tally;
        this.ledger = ledger;
    }

    void start(int workers) {
        running = true;
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("traffic-" + tag + "-" + i).start(() -> loop(this::step)));
        }
        threads.add(Thread.ofPlatform().name("checker-" + tag).start(() -> loop(this::checkPending)));
    }

    void stop() {
        running = false;
        threads.forEach(t -> {
            try {
                t.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** After the traffic: checks what is pending until all is seen or the timeout passes; documents read again. */
    void converge(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Doc doc : documents) {
            Answer read = read(doc);
            if (read.status != 200) {
                doc.readable.lost(); // it answered 201 and is gone now
            }
        }
        while (System.nanoTime() < deadline) {
            checkPending();
            boolean effectsSeen = ledger.effects().stream().allMatch(Ledger.Effect::isSeen);
            if (effectsSeen && Verdict.of("", new Tally(), ledger, mails(), 0, 0, false, Long.MAX_VALUE).lost() == 0) {
                return;
            }
            BenchStack.pause(250);
        }
    }

    /** The emails the sink holds for this traffic's addresses. */
    List<SinkMailbox.Mail> mails() {
        return mailbox.all().stream().filter(m -> m.recipients().stream().anyMatch(r -> r.contains("-" + tag + "-")))
                .toList();
    }

    private void loop(Runnable step) {
        while (running) {
            long begin = System.nanoTime();
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("chaos traffic: " + e);
            }
            long rest = paceMillis - (System.nanoTime() - begin) / 1_000_000;
            if (rest > 0 && running) {
                BenchStack.pause(rest);
            }
        }
    }

    private void step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (pendingOrgs.size() < MAX_PENDING) {
            newOrganization();
        }
        if (!readyOrgs.isEmpty()) {
            Org org = readyOrgs.get(random.nextInt(readyOrgs.size()));
            if (random.nextBoolean()) {
                createDocument(org);
            }
            if (random.nextInt(3) == 0) {
                organizationToken(org.admin, org.id); // a client's token refresh
            }
            if (random.nextInt(4) == 0) {
                signIn(org.admin.email); // another device signs in
            }
            if (invites.size() + verifying.size() < MAX_PENDING && org.invitations.get() < 3) {
                invite(org);
            }
        }
        if (!documents.isEmpty()) {
            tally(read(documents.get(random.nextInt(documents.size()))));
        }
        acceptOne();
        signUpInvitee();
    }

    private void newOrganization() {
        String email = address("creator");
        Account creator = signUp(email);
        if (creator == null) {
            return;
        }
        Answer created = send("POST", urls.get("org-service") + "/organizations",
                json(Map.of("name", "Chaos " + tag + " " + serial.get())), creator, null);
        tally(created);
        if (created.status < 0) {
            ledger.taint(email);
        } else if (created.ok()) {
            long now = System.currentTimeMillis();
            String id = created.body.path("id").asText();
            ledger.expectEmail(email, Ledger.Kind.WELCOME, now);
            pendingOrgs.add(new Org(id, creator, ledger.expect("creator of " + id + " holds its Admin token", now)));
        }
    }

    private void createDocument(Org org) {
        Answer created = send("POST", urls.get("document-service") + "/documents",
                json(Map.of("title", "Chaos " + serial.incrementAndGet(), "content", "Survives faults.")), null, org.token);
        tally(created);
        if (created.ok()) {
            long now = System.currentTimeMillis();
            Ledger.Effect readable = ledger.expect("document " + created.body.path("id").asText() + " readable", now);
            readable.seen(now);
            documents.add(new Doc(created.body.path("id").asText(), org, readable));
        }
    }

    private Answer read(Doc doc) {
        return send("GET", urls.get("document-service") + "/documents/" + doc.id, null, null, doc.org.token);
    }

    private void invite(Org org) {
        String invitee = address("invitee");
        Answer invited = send("POST", urls.get("invitation-service") + "/api/organization-invitations",
                json(Map.of("invitee", invitee, "organizationId", org.id, "organizationRoleNames", List.of("Member"))),
                null, org.token);
        if (invited.status == 422 && !org.invitable) {
            tally.waited(); // invitation-service has not heard of the organization yet
            return;
        }
        tally(invited);
        if (invited.status < 0) {
            ledger.taint(invitee);
        } else if (invited.ok()) {
            org.invitable = true;
            org.invitations.incrementAndGet();
            ledger.expectEmail(invitee, Ledger.Kind.INVITATION, System.currentTimeMillis());
            invites.add(new Invite(org, invitee));
        }
    }

    /** Signs up one invitee whose invitation email has arrived; the accept waits for the Register email's code. */
    private void signUpInvitee() {
        List<SinkMailbox.Mail> mails = mails();
        for (Invite invite : invites) {
            Matcher link = mails.stream()
                    .filter(m -> m.recipients().contains(invite.invitee) && Ledger.kindOf(m) == Ledger.Kind.INVITATION)
                    .map(m -> LINK.matcher(m.text())).filter(Matcher::find).findFirst().orElse(null);
            if (link == null || !invites.remove(invite)) {
                continue;
            }
            Account invitee = signUp(invite.invitee);
            if (invitee != null) {
                verifying.add(new Invitee(invite, invitee, link.group(1), link.group(2)));
            }
            return;
        }
    }

    /**
     * Accepts one invitation whose invitee's code has arrived, as the invitee: prove the address, sign in again (a
     * token issued before the proof says email_verified false, and the accept refuses it), then accept.
     */
    private void acceptOne() {
        List<SinkMailbox.Mail> mails = mails();
        for (Invitee waiting : verifying) {
            Invite invite = waiting.invite;
            Matcher code = mails.stream()
                    .filter(m -> m.recipients().contains(invite.invitee) && VERIFICATION_SUBJECT.equals(m.subject()))
                    .map(m -> CODE.matcher(m.text())).filter(Matcher::find).findFirst().orElse(null);
            if (code == null || !verifying.remove(waiting)) {
                continue;
            }
            Answer verified = send("POST", urls.get("org-service") + "/me/email-verification",
                    json(Map.of("code", code.group(1))), waiting.signedUp, null);
            tally(verified);
            Account invitee = verified.ok() ? signIn(invite.invitee) : null;
            if (invitee == null) {
                if (verified.ok() || verified.status < 0 || verified.status >= 500) {
                    verifying.add(waiting); // to try again: proving an address twice answers 200
                }
                return;
            }
            Answer accepted = send("POST", urls.get("invitation-service") + "/invitations/" + waiting.invitationId
                    + "/accept", json(Map.of("token", waiting.secret)), invitee, null);
            tally(accepted);
            if (accepted.status < 0) {
                ledger.taint(invite.org.admin.email);
            } else if (accepted.ok()) {
                long now = System.currentTimeMillis();
                ledger.expectEmail(invite.org.admin.email, Ledger.Kind.ACCEPTED, now);
                members.add(new Member(invite.org, invitee,
                        ledger.expect(invite.invitee + " holds a token of " + invite.org.id, now)));
            }
            return;
        }
    }

    /** Pending organizations and members: each tries its organization token once. */
    private void checkPending() {
        for (Org org : pendingOrgs) {
            String token = organizationToken(org.admin, org.id);
            if (token != null) {
                org.token = token;
                org.isAdmin.seen(System.currentTimeMillis());
                pendingOrgs.remove(org);
                readyOrgs.add(org);
            }
        }
        for (Member member : members) {
            if (organizationToken(member.account, member.org.id) != null) {
                member.hasToken.seen(System.currentTimeMillis());
                members.remove(member);
            }
        }
    }

    private Account signUp(String email) {
        Answer created = send("POST", urls.get("org-service") + "/sign-up",
                json(Map.of("email", email, "password", PASSWORD, "name", "Chaos")), null, null);
        tally(created);
        if (created.status < 0) {
            ledger.taint(email);
        }
        return created.ok() ? signIn(email) : null;
    }

    private Account signIn(String email) {
        Answer signedIn = form(Map.of("grant_type", "password", "username", email, "password", PASSWORD));
        tally(signedIn);
        return signedIn.ok() ? new Account(email, signedIn.body.path("access_token").asText(),
                signedIn.body.path("refresh_token").asText()) : null;
    }

    /**
     * The refresh_token grant for an organization: its token, or null while the user is not (yet) a member. A
     * rotation whose answer was lost leaves a used refresh token, so the account signs in again.
     */
    private String organizationToken(Account account, String organizationId) {
        synchronized (account) {
            Answer r = form(Map.of("grant_type", "refresh_token", "refresh_token", account.refresh,
                    "organization_id", organizationId));
            if (r.status == 403 || (r.status == 503
                    && "temporarily_unavailable".equals(r.body.path("error").asText()))) {
                // Not a member yet (403), or a creator not yet admitted (503 with Retry-After, issue 13's answer
                // for read-your-writes): the event is on its way, and the refresh token was not spent.
                tally.waited();
                return null;
            }
            tally(r);
            if (r.ok()) {
                account.refresh = r.body.path("refresh_token").asText();
                return r.body.path("access_token").asText();
            }
            if (r.status < 0 || r.status == 400) {
                Account again = signIn(account.email);
                if (again != null) {
                    account.refresh = again.refresh;
                }
            }
            return null;
        }
    }

    private String address(String role) {
        return role + "-" + tag + "-" + serial.incrementAndGet() + "@chaos.test";
    }

    private void tally(Answer answer) {
        if (answer.status < 0) {
            tally.unanswered();
        } else {
            tally.answered(answer.status, answer.request + " -> " + answer.body);
        }
    }

    private Answer form(Map<String, String> fields) {
        return exchange(TokenEndpoint.post(urls.get("org-service"), fields));
    }

    private Answer send(String method, String url, String body, Account user, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        String bearer = token != null ? token : user != null ? user.access : null;
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return exchange(b);
    }

    /** The latencies of every answered request since the last call, and a fresh record for the next period. */
    Latencies takeLatencies() {
        Latencies taken = latencies;
        latencies = new Latencies();
        return taken;
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            long begin = System.nanoTime();
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies.record(System.nanoTime() - begin);
            JsonNode body;
            try {
                body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = JSON.nullNode();
            }
            return new Answer(r.statusCode(), body, r.request().method() + " " + r.request().uri().getPath());
        } catch (IOException e) {
            return new Answer(-1, JSON.nullNode(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, JSON.nullNode(), "");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
