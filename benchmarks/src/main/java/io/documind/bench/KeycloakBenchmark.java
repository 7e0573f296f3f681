package io.documind.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * org-service beside Keycloak 26.7.3 on the same machine, driven by one load generator ({@link ClosedLoop}, the
 * same HTTP client for both): organization tokens (refresh_token grant with organization_id) against Keycloak's
 * refresh grant, single-use refresh tokens (like ours) and its default (reusable); then password logins at the
 * same Argon2id cost. Every configuration is warmed up until the JIT compilers of its server are quiet
 * ({@link JitWarmUp}), then measured twice, taking turns, so a burst of noise on the shared machine hits both.
 * Prints figures beside the targets of issue 15; asserts nothing.
 *
 * <p>Run: {@code ./dev bench keycloak [clients] [seconds per run]}; the dev script fetches Keycloak's
 * distribution into .local/keycloak/ and passes its home as {@code documind.keycloak.home}.
 * {@code DOCUMIND_BENCH_PARTS=tokens} or {@code logins} runs only that comparison ({@link BenchParts}).
 */
public final class KeycloakBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** org-service's Argon2id cost (identity/Passwords: 19 MiB, 2 iterations, 1 lane), given to Keycloak too. */
    private static final Map<String, Integer> ARGON2 = Map.of("memory", 19 * 1024, "iterations", 2, "parallelism", 1);
    private static final String SINGLE_USE = "single-use";
    private static final String REUSABLE = "reusable";
    private static final String CLIENT = "bench";
    private static final String SECRET = "bench-secret";
    private static final String USER = "bench";
    private static final int ROUNDS = 2;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Duration span = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 20);
        Path home = Path.of(System.getProperty("documind.keycloak.home", ".local/keycloak/keycloak-26.7.3"));
        Path log = Files.createTempDirectory("documind-keycloak").resolve("keycloak.log");

        try (BenchStack stack = new BenchStack()) {
            String org = stack.start("org-service", Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc"));
            OrganizationTokenBenchmark.Member member = OrganizationTokenBenchmark.member(org, clients);
            ServerCpu orgCpu = stack.serviceCpu("org-service");
            ServerCpu database = stack.databaseCpu();
            System.out.println("starting Keycloak (log: " + log + ")");
            try (KeycloakServer keycloak = KeycloakServer.start(home, log, ARGON2)) {
                for (String realm : List.of(SINGLE_USE, REUSABLE)) {
                    keycloak.createRealm(realm, realm.equals(SINGLE_USE));
                    keycloak.createClient(realm, CLIENT, SECRET);
                    keycloak.createUser(realm, USER, OrganizationTokenBenchmark.PASSWORD);
                }
                ServerCpu keycloakCpu = keycloak.cpu();

                List<String> orgRefresh = member.refreshTokens();
                List<String> singleUse = signIns(keycloak, SINGLE_USE, clients);
                List<String> reusable = signIns(keycloak, REUSABLE, clients);
                List<Contender> tokens = List.of(
                        new Contender(new Side("org-service organization tokens"), orgCpu, database,
                                c -> orgRefresh.set(c, OrganizationTokenBenchmark.token(org, orgRefresh.get(c),
                                        member.organizationId()).path("refresh_token").asText())),
                        new Contender(new Side("Keycloak refresh, single-use refresh tokens"), keycloakCpu,
                                ServerCpu.NONE, c -> singleUse.set(c, refresh(keycloak, SINGLE_USE, singleUse.get(c)))),
                        new Contender(new Side("Keycloak refresh, default (reusable)"), keycloakCpu, ServerCpu.NONE,
                                c -> reusable.set(c, refresh(keycloak, REUSABLE, reusable.get(c)))));
                List<Contender> logins = List.of(
                        new Contender(new Side("org-service password logins"), orgCpu, database,
                                c -> OrganizationTokenBenchmark.signIn(org, member.email())),
                        new Contender(new Side("Keycloak password logins"), keycloakCpu, ServerCpu.NONE,
                                c -> signIn(keycloak, REUSABLE)));

                System.out.printf("%n%d clients; each configuration warmed up until its server's JIT is quiet, then"
                        + " %d runs of %d s per configuration, taking turns%n", clients, ROUNDS, span.toSeconds());
                System.out.println("Keycloak's stored password hash: " + keycloak.passwordHashSettings(REUSABLE, USER));
                System.out.printf("org-service's: Argon2id, %d KiB, %d iterations, parallelism %d%n",
                        ARGON2.get("memory"), ARGON2.get("iterations"), ARGON2.get("parallelism"));

                java.util.Set<String> parts = BenchParts.chosen("tokens,logins");
                if (parts.contains("tokens")) {
                    compareTokens(tokens, clients, span);
                }
                if (parts.contains("logins")) {
                    compareLogins(logins, clients, span);
                }
                System.out.printf("%nmachine: %d cores, shared by the load generator, org-service, PostgreSQL, Kafka "
                        + "and Keycloak (and anything else running: compare ratios within one run)%n",
                        Runtime.getRuntime().availableProcessors());
            }
        }
    }

    /** Organization tokens against Keycloak's refresh grant, both of its refresh-token settings (the "tokens" part). */
    private static void compareTokens(List<Contender> tokens, int clients, Duration span) throws Exception {
        System.out.println("\n-- organization tokens vs Keycloak's refresh grant");
        alternate(tokens, clients, span, "token");
        Side ours = tokens.get(0).side;
        Side best = Side.fastest(List.of(tokens.get(1).side, tokens.get(2).side));
        System.out.println("\n== organization tokens vs Keycloak 26.7.3 refresh grants, " + clients + " clients");
        tokens.forEach(t -> System.out.println(t.side.figures("token")));
        System.out.println("rate vs Keycloak's best (" + best.name + "): "
                + Side.againstTarget(ours.perSecond() / best.perSecond(), "≥", 3.0));
        System.out.println("rate vs Keycloak single-use: " + ratio(ours, tokens.get(1).side)
                + "  vs default: " + ratio(ours, tokens.get(2).side));
        double target = 3.0 * best.perSecond();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("budget: 3x Keycloak's best is %.0f token/s, which leaves %.2f ms of CPU per token"
                + " for everything on %d cores (org-service, PostgreSQL, the load generator); RS256 signing"
                + " alone (DESIGN §4, one signature per grant) takes %.2f ms here with the JDK's provider, %s%n",
                target, cores * 1000.0 / target, cores, rs256SigningMillis(null), nativeSigning());
    }

    /** Password logins against Keycloak's, same Argon2id cost (the "logins" part). */
    private static void compareLogins(List<Contender> logins, int clients, Duration span) throws Exception {
        System.out.println("\n-- password logins");
        alternate(logins, clients, span, "login");
        Side ourLogins = logins.get(0).side;
        Side theirLogins = logins.get(1).side;
        System.out.println("\n== password logins vs Keycloak 26.7.3, same Argon2id cost, " + clients + " clients");
        logins.forEach(l -> System.out.println(l.side.figures("login")));
        System.out.println("rate vs Keycloak: "
                + Side.againstTarget(ourLogins.perSecond() / theirLogins.perSecond(), "≥", 1.0));
        for (Side s : List.of(ourLogins, theirLogins)) {
            System.out.println(s.name + " p99/p50: "
                    + Side.againstTarget(s.percentileMillis(99) / s.percentileMillis(50), "≤", 3.0));
        }
    }

    /**
     * CPU milliseconds one RS256 signature (2048-bit key, a token-sized payload) takes on this machine, measured on
     * this thread after a warm-up: the part of a grant no implementation of the contract can leave out.
     */
    static double rs256SigningMillis(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey generated = generator.generateKeyPair().getPrivate();
        // As org-service does: the provider's own key object, else it converts the key for every Signature.
        PrivateKey key = provider == null ? generated
                : (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(generated);
        byte[] payload = new byte[600];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = 0;
        int warmUp = 500;
        int measured = 2000;
        for (int i = 0; i < warmUp + measured; i++) {
            if (i == warmUp) {
                start = threads.getCurrentThreadCpuTime();
            }
            Signature signature = provider == null ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", provider);
            signature.initSign(key);
            signature.update(payload);
            signature.sign();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e6 / measured;
    }

    /** The same with the native provider org-service signs with where it loads (org-service's SignatureProvider). */
    private static String nativeSigning() throws GeneralSecurityException {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        if (accp.getLoadingError() != null) {
            return "and the native provider does not load here (org-service signs with the JDK's)";
        }
        return String.format("%.2f ms with the native provider org-service signs with (AWS-LC)",
                rs256SigningMillis(accp));
    }

    /** One configuration under load: its figures, the processes whose CPU it is charged, and its request. */
    private record Contender(Side side, ServerCpu server, ServerCpu database, ClosedLoop.Request request) {
        ClosedLoop.Run run(int clients, Duration span) throws Exception {
            return ClosedLoop.run(clients, span, request, server, database);
        }
    }

    private static void alternate(List<Contender> contenders, int clients, Duration span, String unit)
            throws Exception {
        for (Contender c : contenders) { // JIT, pools, caches; not counted
            System.out.println(JitWarmUp.untilQuiet(c.side.name, c.server, List.of(warmUp -> c.run(clients, warmUp))));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            for (Contender c : contenders) {
                ClosedLoop.Run run = c.run(clients, span);
                c.side.add(run);
                System.out.printf("run %d  %-44s %8.1f %s/s  p50 %8.2f ms  p99 %8.2f ms  JIT %4.1f%%  refused %d%n",
                        round, c.side.name, run.latencies().count() / (run.elapsedNanos() / 1e9), unit,
                        run.latencies().percentileMillis(50), run.latencies().percentileMillis(99),
                        100 * run.jitShare(), run.refusals());
            }
        }
    }

    private static String ratio(Side ours, Side theirs) {
        return String.format("%.2fx", ours.perSecond() / theirs.perSecond());
    }

    /** {@code clients} separate Keycloak sessions (password grants), one refresh token each. */
    private static List<String> signIns(KeycloakServer keycloak, String realm, int clients) throws Exception {
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            refreshTokens.add(signIn(keycloak, realm));
        }
        return refreshTokens;
    }

    private static String signIn(KeycloakServer keycloak, String realm) throws Exception {
        return tokenGrant(keycloak, realm, Map.of("grant_type", "password", "client_id", CLIENT,
                "client_secret", SECRET, "username", USER, "password", OrganizationTokenBenchmark.PASSWORD));
    }

    private static String refresh(KeycloakServer keycloak, String realm, String refreshToken) throws Exception {
        return tokenGrant(keycloak, realm, Map.of("grant_type", "refresh_token", "client_id", CLIENT,
                "client_secret", SECRET, "refresh_token", refreshToken));
    }

    /** The refresh token a grant answered with (the same HTTP client as org-service's requests). */
    private static String tokenGrant(KeycloakServer keycloak, String realm, Map<String, String> form)
            throws Exception {
        return JSON.readTree(OrganizationTokenBenchmark.post(keycloak.tokenEndpoint(realm),
                "application/x-www-form-urlencoded", TokenEndpoint.form(form)))
                .path("refresh_token").asText();
    }
}
