package io.documind.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./dev demo}: the README's "Quick start", step by step, against a running stack ({@code ./dev up}):
 * each step prints its request and the key part of the answer. Addresses are new on every run, so it can run
 * again and again. A step that fails ends the walk with a message saying which and why ({@link Failed}).
 * Plain JDK HTTP client and regular expressions on purpose: it reads the answers as the README's curl
 * commands do, with nothing to install.
 */
public final class QuickStartDemo {

    static final String PASSWORD = "correct horse 42";
    /** How long a step may wait for an event to travel (the creator's admission, an email, an acceptance). */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);
    /** The emailed link, as the default template writes it: {@code .../invitation/{id}?token={secret}}. */
    private static final Pattern LINK = Pattern.compile("invitation/([0-9a-f-]{36})\\?token=([A-Za-z0-9_-]+)");
    /** The 6-digit code in the verification email every sign-up gets, as the default template writes it. */
    private static final Pattern CODE = Pattern.compile("<strong>(\\d{6})</strong>");

    /** Where the walk finds the services and the mail API. */
    public record Endpoints(String org, String documents, String invitations, String mail) {

        /** The local stack's ports, overridden by the same variables as {@code ./dev up}. */
        static Endpoints fromEnvironment(Map<String, String> env) {
            Ports ports = Ports.fromEnvironment(env);
            return new Endpoints(local(ports, Port.ORG_SERVICE), local(ports, Port.DOCUMENT_SERVICE),
                    local(ports, Port.INVITATION_SERVICE), local(ports, Port.MAIL_API));
        }

        private static String local(Ports ports, Port port) {
            return "http://localhost:" + ports.get(port);
        }
    }

    /** What the walk ended with, for a test to check beyond "no step failed". */
    public record Outcome(String organizationId, String documentId, List<String> memberScopes) {
    }

    /** A step that did not get the answer the quick start promises. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final Endpoints at;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int steps;
    private String lastRequest;

    public QuickStartDemo(Endpoints at, PrintStream out) {
        this.at = at;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            new QuickStartDemo(Endpoints.fromEnvironment(System.getenv()), System.out).walk();
        } catch (Failed | LauncherException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The README's steps in order; throws {@link Failed} at the first that does not answer as promised. */
    public Outcome walk() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String alice = "alice-" + run + "@example.com";
        String bob = "bob-" + run + "@example.com";

        step("Alice signs up (her address stays unverified; nothing below needs it proved)");
        show(expect(201, postJson(at.org + "/sign-up", signUp(alice, "Alice"), null)), "id", "primaryEmailVerified");

        step("Alice signs in (the password grant): a user token and a refresh token");
        Answer aliceTokens = expect(200, signIn(alice));
        show(aliceTokens, "access_token", "refresh_token");
        String aliceToken = aliceTokens.field("access_token");

        step("Alice creates an organization and becomes its Admin");
        Answer created = postJson(at.org + "/organizations", "{\"name\":\"Acme " + run + "\"}", aliceToken);
        require(created.status == 201 || created.status == 202, created.request + " answered " + created.status
                + ", expected 201 (or 202 while her admission is on its way): " + created.body);
        show(created, "id", "name");
        String organizationId = created.field("id");
        if (created.status == 202) {
            note("202: she becomes Admin when org-service applies the event; polling her organizations");
            await("Alice to be Admin of the organization", () -> get(at.org + "/me/organizations", aliceToken),
                    r -> r.status == 200 && r.body.contains(organizationId) && r.body.contains("\"Admin\""));
        }

        step("An organization token: the refresh token with organization_id");
        Answer aliceOrg = await("an organization token for Alice",
                () -> organizationToken(aliceTokens.field("refresh_token"), organizationId), r -> r.status == 200);
        show(aliceOrg, "access_token", "scope");
        String aliceOrgToken = aliceOrg.field("access_token");

        step("Create and search a document");
        Answer document = expect(201, postJson(at.documents + "/documents",
                "{\"title\":\"Launch plan\",\"content\":\"We launch the rocket on Friday\"}", aliceOrgToken));
        show(document, "id", "title");
        String documentId = document.field("id");
        Answer found = expect(200, get(at.documents + "/documents?q=rocket", aliceOrgToken));
        show(found, "id", "title");
        require(found.body.contains(documentId), "the search for \"rocket\" did not find the document: " + found.body);

        step("Invite Bob as a Member");
        // invitation-service learns of the organization from an event, and the invitation waits up to 5 s for it:
        // one try is enough unless the stack has only just started (Kafka still assigning partitions).
        Answer invited = await("invitation-service to know the organization",
                () -> postJson(at.invitations + "/api/organization-invitations", "{\"invitee\":\"" + bob
                        + "\",\"organizationId\":\"" + organizationId + "\",\"organizationRoleNames\":[\"Member\"]}",
                        aliceOrgToken),
                r -> r.status != 422);
        show(expect(201, invited), "id", "invitee", "status");

        step("Read Bob's email from the mail API");
        Answer inbox = await("the invitation email to reach " + bob,
                () -> get(at.mail + "/api/user/" + bob + "/messages/INBOX", null),
                r -> r.status == 200 && LINK.matcher(r.body).find());
        show(inbox, "subject");
        Matcher link = LINK.matcher(inbox.body);
        link.find();
        String invitationId = link.group(1);
        String secret = link.group(2);
        note("link: http://localhost:3000/invitation/" + invitationId + "?token=" + abbreviate(secret));

        step("Bob signs up with the invited address and signs in");
        show(expect(201, postJson(at.org + "/sign-up", signUp(bob, "Bob"), null)), "id", "primaryEmailVerified");
        Answer bobUnverified = expect(200, signIn(bob));
        show(bobUnverified, "access_token", "refresh_token");

        step("Bob proves his address with the code from his verification email, then signs in again");
        // Accepting needs email_verified: true, which only tokens issued after the proof carry.
        Answer bobInbox = await("the verification email to reach " + bob,
                () -> get(at.mail + "/api/user/" + bob + "/messages/INBOX", null),
                r -> r.status == 200 && CODE.matcher(r.body).find());
        show(bobInbox);
        Matcher code = CODE.matcher(bobInbox.body);
        code.find();
        note("code: " + code.group(1));
        show(expect(200, postJson(at.org + "/me/email-verification", "{\"code\":\"" + code.group(1) + "\"}",
                bobUnverified.field("access_token"))), "primaryEmailVerified");
        Answer bobTokens = expect(200, signIn(bob));
        show(bobTokens, "access_token", "refresh_token");
        String bobToken = bobTokens.field("access_token");

        step("Bob accepts: what a landing page shows, then the acceptance with the link's secret");
        show(expect(200, get(at.invitations + "/invitations/" + invitationId + "?token=" + secret, bobToken)),
                "organizationName", "status");
        // 200 once Bob is a member (org-service makes him one from the acceptance's event); 202 if that took more
        // than 5 s: accepting again is safe.
        Answer accepted = await("Bob's membership (the accept answers 200 once org-service made him a member)",
                () -> postJson(at.invitations + "/invitations/" + invitationId + "/accept",
                        "{\"token\":\"" + secret + "\"}", bobToken),
                r -> r.status != 202);
        show(expect(200, accepted), "status");

        step("Bob's organization token has the Member scopes; he finds the document");
        // The accept's 200 says org-service has made Bob a member (read-your-writes): no waiting for the event here.
        Answer bobOrg = expect(200, organizationToken(bobTokens.field("refresh_token"), organizationId));
        show(bobOrg, "access_token", "scope");
        List<String> memberScopes = Arrays.stream(bobOrg.field("scope").split(" ")).sorted().toList();
        Answer bobFound = expect(200, get(at.documents + "/documents?q=rocket", bobOrg.field("access_token")));
        show(bobFound, "id", "title");
        require(bobFound.body.contains(documentId), "Bob's search did not find the document: " + bobFound.body);

        out.println();
        out.println("Done: " + bob + " joined organization " + organizationId + " as a Member with " + memberScopes);
        return new Outcome(organizationId, documentId, memberScopes);
    }

    private static String signUp(String email, String name) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"" + name + "\"}";
    }

    private Answer signIn(String email) {
        return postForm(at.org + "/oidc/token", "grant_type", "password", "username", email, "password", PASSWORD);
    }

    private Answer organizationToken(String refreshToken, String organizationId) {
        return postForm(at.org + "/oidc/token", "grant_type", "refresh_token", "refresh_token", refreshToken,
                "organization_id", organizationId);
    }

    // ---- printing

    private void step(String title) {
        lastRequest = null;
        out.println();
        out.println(++steps + ". " + title);
    }

    private void note(String text) {
        out.println("   " + text);
    }

    /** The answer's status and the named fields (their first occurrence), long values abbreviated. */
    private void show(Answer answer, String... fields) {
        String shown = Arrays.stream(fields).filter(f -> answer.field(f) != null)
                .map(f -> f + "=" + abbreviate(answer.field(f))).collect(Collectors.joining("  "));
        out.println("   <- " + answer.status + (shown.isEmpty() ? "" : "  " + shown));
    }

    /** Tokens and secrets shortened; text (a scope list, a subject) shown whole. */
    private static String abbreviate(String value) {
        boolean opaque = value.length() > 40 && value.chars().noneMatch(Character::isWhitespace);
        return opaque ? value.substring(0, 24) + "..." + value.substring(value.length() - 8) : value;
    }

    // ---- checking

    private Answer expect(int status, Answer answer) {
        require(answer.status == status, answer.request + " answered " + answer.status + ", expected " + status
                + ": " + answer.body);
        return answer;
    }

    private void require(boolean condition, String failure) {
        if (!condition) {
            throw new Failed("step " + steps + " failed: " + failure);
        }
    }

    /** Repeats the request until its answer is {@code done} or {@link #EVENT_WAIT} passes. */
    private Answer await(String what, Supplier<Answer> request, Predicate<Answer> done) {
        Answer[] last = new Answer[1];
        int[] attempts = {0};
        boolean arrived = Poll.until(EVENT_WAIT, () -> {
            attempts[0]++;
            return done.test(last[0] = request.get());
        });
        if (attempts[0] > 1) {
            note("(asked " + attempts[0] + " times while waiting for " + what + ")");
        }
        require(arrived, "waited " + EVENT_WAIT.toSeconds() + " s for " + what + "; last answer to "
                + last[0].request + ": " + last[0].status + " " + last[0].body);
        return last[0];
    }

    // ---- HTTP

    /** One answer; {@link #field} reads a JSON member the way the README's grep does. */
    record Answer(String request, int status, String body) {

        /** The first string (or bare) value of {@code "name":}, unescaped enough for ids, tokens and names. */
        String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,}\\]\\s]+))")
                    .matcher(body);
            if (!m.find()) {
                return null;
            }
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
    }

    private Answer get(String url, String token) {
        return send(request(url, token).GET(), "GET " + url, null);
    }

    private Answer postJson(String url, String json, String token) {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), "POST " + url, json);
    }

    /** A form post (the token endpoint's); {@code form} is name, value, name, value... */
    private Answer postForm(String url, String... form) {
        StringBuilder body = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(form[i]).append('=').append(encode(form[i + 1]));
            shown.append(i == 0 ? "" : " ").append(form[i]).append('=').append(abbreviate(form[i + 1]));
        }
        return send(request(url, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "POST " + url, shown.toString());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request, String line, String shownBody) {
        if (!line.equals(lastRequest)) { // a poll repeats its request: print it once
            out.println("   -> " + line + (shownBody == null ? "" : "  " + shownBody));
            lastRequest = line;
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(line, answer.statusCode(), answer.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Failed("step " + steps + " failed: no answer from " + line.substring(line.indexOf(' ') + 1)
                    + " (" + e + "). Is ./dev up running? (ports from ORG_SERVICE_PORT, DOCUMENT_SERVICE_PORT, "
                    + "INVITATION_SERVICE_PORT, MAIL_API_PORT as for ./dev up)");
        } catch (IOException e) {
            throw new Failed("step " + steps + " failed: " + line + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
