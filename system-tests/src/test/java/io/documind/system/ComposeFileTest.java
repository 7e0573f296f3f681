package io.documind.system;

import io.documind.localstack.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.KeyAgreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs on our machines or in CI, so {@code docker-compose.yml} and the Dockerfile it builds the
 * services from (one, shared, given each service's build args) are checked against what the services really read:
 * their {@code application.yml}, the kit's defaults and the configuration the code asks for, all read from the
 * source tree. A renamed variable, a typo, a port that does
 * not match, a database the init script never creates or a dependency that does not wait for health fails here,
 * not on someone's laptop at {@code docker compose up}. Each test names every problem it finds, not only the
 * first.
 */
class ComposeFileTest {

    private static final List<String> SERVICES =
            List.of("org-service", "document-service", "invitation-service", "notification-service");

    /**
     * Supplied for every service whatever its defaults: they are the local stack's addresses, which inside a
     * container point at the container itself.
     */
    private static final List<String> ALWAYS_REQUIRED = List.of("SERVER_PORT", "DATABASE_URL", "DATABASE_USER",
            "DATABASE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "DOCUMIND_ISSUER");

    /** Optional to start, but without them the service is of little use here: variable → why. */
    private static final Map<String, Map<String, String>> ALSO_REQUIRED = Map.of("org-service", Map.of(
            "DOCUMIND_MANAGEMENT_CLIENT_ID", "(without a Management API client nobody gets a management token)",
            "DOCUMIND_MANAGEMENT_CLIENT_SECRET", "(without a Management API client nobody gets a management token)"));

    private static final String INIT_DIRECTORY = "/docker-entrypoint-initdb.d/";
    /** Where the image keeps the class data archive it makes at build time (ImageClassArchiveTest). */
    private static final String IMAGE_CLASS_ARCHIVE = "/app/service.jsa";
    /** Tools a probe must not need: eclipse-temurin:25 ships neither (adoptium/containers#814; 21's had curl). */
    private static final Pattern MISSING_FROM_IMAGE = Pattern.compile("\\b(curl|wget)\\b");

    private static Path root;
    private static Compose compose;

    static List<String> services() {
        return SERVICES;
    }

    @BeforeAll
    static void readComposeFile() {
        root = Path.of(System.getProperty("documind.root", "..")).toAbsolutePath().normalize();
        compose = Compose.read(root.resolve("docker-compose.yml"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theServiceIsBuiltFromThisRepositoryByTheSharedDockerfileForItsModule(String service) {
        Problems problems = new Problems(service);
        if (!compose.has(service)) {
            problems.add("is not a service of docker-compose.yml");
        } else {
            Build build = compose.build(service);
            if (build == null) {
                problems.add("has no build: section; it must be built from this repository");
            } else if (!build.context().equals(root)) {
                // The Dockerfile's COPY sources and .dockerignore are written for the repository root.
                problems.add("build context " + root.relativize(build.context()) + " is not the repository root");
            } else if (!Files.isRegularFile(build.dockerfile())) {
                problems.add("Dockerfile " + build.dockerfile() + " does not exist");
            } else if (!service.equals(build.args().get("MODULE"))) {
                problems.add("passes build arg MODULE " + build.args().get("MODULE") + "; the image of " + service
                        + " must be built for module " + service);
            }
        }
        problems.assertNone();
    }

    /**
     * The Dockerfile is shared, so what it does for one service depends on the build args compose passes: a build
     * arg it uses but compose leaves out would build an image without a jar, one compose passes but it never
     * declares is ignored by Docker (a typo), and a variable it names but nothing defines expands to nothing.
     */
    @ParameterizedTest
    @MethodSource("services")
    void composeSuppliesEveryBuildArgTheDockerfileUsesAndNoOther(String service) {
        Problems problems = new Problems(service);
        Build build = builtService(service, problems);
        Dockerfile dockerfile = Dockerfile.read(build.dockerfile(), build.args());
        dockerfile.args().forEach((name, fallback) -> {
            if (fallback == null && !build.args().containsKey(name)) {
                problems.add("does not pass build arg " + name + ", which " + root.relativize(build.dockerfile())
                        + " declares without a default" + (dockerfile.used().contains(name) ? " and uses" : ""));
            }
        });
        build.args().keySet().stream().filter(name -> !dockerfile.args().containsKey(name)).forEach(name ->
                problems.add("passes build arg " + name + ", which " + root.relativize(build.dockerfile())
                        + " does not declare (ARG " + name + " after FROM): Docker ignores it"));
        dockerfile.undefined().forEach(name -> problems.add(root.relativize(build.dockerfile()) + " expands $" + name
                + ", which is neither a build arg nor an ENV declared before it: it would be empty"));
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void theImageRunsTheServicesJarOnJava21AsANonRootUserWithAHealthcheck(String service) {
        Problems problems = new Problems(service + "'s image");
        Build build = builtService(service, problems);
        Dockerfile dockerfile = Dockerfile.read(build.dockerfile(), build.args());

        String from = dockerfile.last("FROM").map(a -> a.split("\\s+")[0]).orElse("");
        Matcher image = Pattern.compile("([\\w./-]+):(\\d+)[\\w.-]*").matcher(from);
        if (!image.matches()) {
            problems.add("FROM '" + from + "' does not name a Java runtime image with its version as tag, e.g. "
                    + "eclipse-temurin:21-jre");
        } else if (!image.group(1).matches(".*(temurin|openjdk|jdk|jre|corretto|zulu|liberica).*")
                || Integer.parseInt(image.group(2)) < 21) {
            problems.add("FROM '" + from + "' is not a JDK 21+ runtime image");
        }

        String user = dockerfile.last("USER").map(u -> u.split(":")[0]).orElse("");
        if (user.isEmpty() || user.equals("root") || user.equals("0")) {
            problems.add(user.isEmpty() ? "has no USER: the service would run as root"
                    : "runs as root (USER " + user + ")");
        }

        String healthcheck = dockerfile.last("HEALTHCHECK").orElse("");
        if (!healthcheck.contains("/health/readiness")) {
            problems.add(healthcheck.isEmpty() ? "has no HEALTHCHECK"
                    : "HEALTHCHECK does not probe /health/readiness: " + healthcheck);
        }
        if (MISSING_FROM_IMAGE.matcher(healthcheck).find()) {
            problems.add("HEALTHCHECK runs curl or wget, which the Temurin 25 images lack: " + healthcheck);
        }

        String jar = jarOf(service);
        Optional<List<String>> copy = dockerfile.all("COPY").stream().map(Dockerfile::words)
                .filter(words -> words.size() == 2 && words.getFirst().equals(jar)).findFirst();
        List<String> entrypoint = dockerfile.last("ENTRYPOINT").map(Dockerfile::words).orElse(List.of());
        if (copy.isEmpty()) {
            problems.add("does not COPY " + jar + " (the jar `./mvnw package` builds; the build context is the "
                    + "repository root); it copies " + dockerfile.all("COPY"));
        } else {
            String target = copy.get().getLast();
            int jarFlag = entrypoint.indexOf("-jar");
            if (jarFlag < 0 || jarFlag + 1 >= entrypoint.size() || !entrypoint.get(jarFlag + 1).equals(target)) {
                problems.add("ENTRYPOINT " + entrypoint + " does not run java -jar " + target);
            }
        }
        for (String flag : List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TrimNativeHeapInterval=5000", "-XX:SharedArchiveFile=" + IMAGE_CLASS_ARCHIVE)) {
            if (!entrypoint.contains(flag)) {
                problems.add("ENTRYPOINT lacks the JVM flag " + flag);
            }
        }
        // The archive the entrypoint names is made at build time from this service's committed class list, which
        // reaches the step through a bind mount of docker/. (The reader leaves RUN unexpanded: the shell expands
        // its build args.)
        boolean archiveMade = dockerfile.all("RUN").stream().anyMatch(run ->
                run.contains("--mount=type=bind,source=docker,target=/tmp/docker")
                        && run.contains("/tmp/docker/class-archive.sh")
                        && run.contains("/tmp/docker/classlists/${MODULE}.classlist.gz")
                        && run.contains(IMAGE_CLASS_ARCHIVE));
        if (!archiveMade) {
            problems.add("has no RUN of docker/class-archive.sh (docker/ mounted at /tmp/docker) making "
                    + IMAGE_CLASS_ARCHIVE + " from /tmp/docker/classlists/${MODULE}.classlist.gz");
        }
        if (!Files.isRegularFile(root.resolve("docker/classlists").resolve(service + ".classlist.gz"))) {
            problems.add("has no class list docker/classlists/" + service + ".classlist.gz (./dev classlists)");
        }

        String port = Reads.of(root, service).defaultOf("SERVER_PORT").orElse("?");
        if (!dockerfile.all("EXPOSE").stream().flatMap(e -> Dockerfile.words(e).stream()).toList().contains(port)) {
            problems.add("does not EXPOSE " + port + ", the port application.yml gives SERVER_PORT");
        }
        problems.assertNone();
    }

    @Test
    void dockerignoreLetsEveryServicesJarIntoTheBuildContext() throws IOException {
        Problems problems = new Problems(".dockerignore");
        Path ignore = root.resolve(".dockerignore");
        List<String> rules = Files.exists(ignore) ? Files.readAllLines(ignore).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList() : List.of();
        boolean ignoresEverything = rules.contains("**") || rules.contains("*");
        for (String service : SERVICES) {
            String jar = jarOf(service);
            if (ignoresEverything && !rules.contains("!" + jar)) {
                problems.add("excludes everything but does not let in " + jar + " (add !" + jar + ")");
            }
            if (rules.contains(jar) || rules.contains(service) || rules.contains(service + "/target")) {
                problems.add("excludes " + jar);
            }
        }
        for (String needed : List.of("docker/class-archive.sh", "docker/classlists/*.classlist.gz")) {
            if (ignoresEverything && !rules.contains("!" + needed)) {
                problems.add("excludes everything but does not let in " + needed + ", which the image's build uses");
            }
        }
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void itsPublishedPortIsTheServerPortAndWhatItsHealthcheckProbes(String service) {
        Problems problems = new Problems(service);
        String serverPort = compose.environment(service).get("SERVER_PORT");
        String designPort = Reads.of(root, service).defaultOf("SERVER_PORT").orElse("?");
        if (!designPort.equals(serverPort)) {
            problems.add("SERVER_PORT is " + serverPort + " but the service's port is " + designPort
                    + " (application.yml, DESIGN §5)");
        }
        List<PortMapping> ports = compose.ports(service);
        if (ports.size() != 1) {
            problems.add("publishes " + ports + "; expected exactly one port, " + designPort);
        }
        for (PortMapping port : ports) {
            if (!port.container().equals(serverPort) || !port.published().equals(serverPort)) {
                problems.add("publishes " + port + " but SERVER_PORT is " + serverPort + "; expected "
                        + serverPort + ":" + serverPort);
            }
        }
        String probe = compose.healthcheck(service);
        if (MISSING_FROM_IMAGE.matcher(probe).find()) {
            problems.add("healthcheck runs curl or wget, which the Temurin 25 images lack: " + probe);
        }
        Matcher url = Pattern.compile("http://(127\\.0\\.0\\.1|localhost):(\\d+)/health/readiness").matcher(probe);
        if (!url.find()) {
            problems.add("healthcheck does not probe http://127.0.0.1:" + serverPort + "/health/readiness: "
                    + (probe.isEmpty() ? "none" : probe));
        } else if (!url.group(2).equals(serverPort)) {
            problems.add("healthcheck probes port " + url.group(2) + " but SERVER_PORT is " + serverPort);
        }
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void itSetsOnlyVariablesTheServiceReadsAndEveryOneItNeeds(String service) {
        Problems problems = new Problems(service);
        Reads reads = Reads.of(root, service);
        Map<String, String> environment = compose.environment(service);
        for (String variable : environment.keySet()) {
            if (!reads.reads(variable)) {
                problems.add("sets " + variable + ", which " + service + " never reads (not a placeholder in its "
                        + "application.yml or the kit's code, nor a property its code asks for)");
            }
        }
        Map<String, String> alsoRequired = ALSO_REQUIRED.getOrDefault(service, Map.of());
        for (String variable : reads.requiredInAContainer(alsoRequired.keySet())) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                problems.add("does not set " + variable + (value == null ? "" : " to a value") + ", which it needs "
                        + Optional.ofNullable(alsoRequired.get(variable)).orElseGet(() -> reads.whyRequired(variable)));
            } else if (reads.refusedLocalDefault(variable).filter(p -> p.matcher(value).matches()).isPresent()) {
                problems.add("sets " + variable + " to '" + value + "', the local-development default the kit's "
                        + "DeploymentGuard refuses outside the local stack: the service would not start");
            }
        }
        problems.assertNone();
    }

    /**
     * The start-up check names a variable for each property it requires; that variable must really set the property
     * in this service, or the service refuses to start even when the variable is given.
     */
    @ParameterizedTest
    @MethodSource("services")
    void theStartUpCheckFindsEachRequiredSettingWhereItsVariablePutsIt(String service) {
        Problems problems = new Problems(service);
        Reads reads = Reads.of(root, service);
        for (GuardedSetting setting : reads.guarded()) {
            if (!reads.feeds(setting.variable(), setting.property())) {
                problems.add("the DeploymentGuard requires " + setting.property() + " and tells operators to set "
                        + setting.variable() + ", but nothing in " + service + " or the kit maps " + setting.variable()
                        + " to " + setting.property() + " (Micronaut maps it to "
                        + setting.variable().toLowerCase().replace('_', '.') + "): the service would refuse to start "
                        + "outside the local stack with the variable set. Configure " + setting.property() + ": ${"
                        + setting.variable() + ":...} in its application.yml or the kit's defaults.");
            }
        }
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void itsDatabaseIsOneTheComposePostgresCreatesWithItsCredentials(String service) {
        Problems problems = new Problems(service);
        Map<String, String> environment = compose.environment(service);
        String url = environment.getOrDefault("DATABASE_URL", "");
        Matcher jdbc = Pattern.compile("jdbc:postgresql://([\\w.-]+):(\\d+)/(\\w+)(\\?.*)?").matcher(url);
        if (!jdbc.matches()) {
            problems.failWith("DATABASE_URL '" + url + "' is not jdbc:postgresql://<host>:<port>/<database>");
        }
        String host = jdbc.group(1);
        String database = jdbc.group(3);
        if (!compose.has(host) || !compose.image(host).startsWith("postgres:")) {
            problems.failWith("DATABASE_URL names host " + host + ", which is not a postgres service of the compose "
                    + "file");
        }
        if (!jdbc.group(2).equals("5432")) {
            problems.add("DATABASE_URL names port " + jdbc.group(2) + "; " + host + " listens on 5432");
        }
        Set<String> created = databasesCreatedBy(host, problems);
        if (!created.contains(database)) {
            problems.add("DATABASE_URL names database " + database + ", which " + host + "'s init scripts do not "
                    + "create (they create " + created + ")");
        }
        Map<String, String> postgres = compose.environment(host);
        String owner = postgres.getOrDefault("POSTGRES_USER", "postgres");
        if (!owner.equals(environment.get("DATABASE_USER"))) {
            problems.add("DATABASE_USER is " + environment.get("DATABASE_USER") + " but " + host
                    + " creates the databases for " + owner + " (POSTGRES_USER)");
        }
        if (!Objects.equals(postgres.get("POSTGRES_PASSWORD"), environment.get("DATABASE_PASSWORD"))) {
            problems.add("DATABASE_PASSWORD differs from " + host + "'s POSTGRES_PASSWORD (after interpolation)");
        }
        List<String> sharing = SERVICES.stream().filter(other -> !other.equals(service))
                .filter(other -> url.equals(compose.environment(other).get("DATABASE_URL"))).toList();
        if (!sharing.isEmpty()) {
            problems.add("shares its database with " + sharing + "; every service owns its own (DESIGN §2)");
        }
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void itsKafkaBootstrapServersIsTheBrokersListenerForContainers(String service) {
        Problems problems = new Problems(service);
        String bootstrap = compose.environment(service).getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        for (String server : bootstrap.split(",")) {
            String host = server.strip().split(":")[0];
            String port = server.strip().substring(host.length()).replace(":", "");
            if (!compose.has(host) || !compose.image(host).startsWith("apache/kafka:")) {
                problems.add("KAFKA_BOOTSTRAP_SERVERS names " + server + ", which is not an apache/kafka service "
                        + "of the compose file");
                continue;
            }
            Map<String, String> kafka = compose.environment(host);
            if (!kafka.getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker")
                    || !kafka.getOrDefault("KAFKA_PROCESS_ROLES", "").contains("controller")) {
                problems.add(host + " is not a single KRaft node (KAFKA_PROCESS_ROLES broker,controller)");
            }
            Map<String, String> advertised = listeners(kafka.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
            Map<String, String> bound = listeners(kafka.getOrDefault("KAFKA_LISTENERS", ""));
            Optional<String> listener = advertised.entrySet().stream()
                    .filter(e -> e.getValue().equals(server.strip())).map(Map.Entry::getKey).findFirst();
            if (listener.isEmpty()) {
                problems.add("KAFKA_BOOTSTRAP_SERVERS names " + server + " but " + host + " advertises "
                        + advertised + "; use the listener whose host is " + host);
            } else if (!bound.getOrDefault(listener.get(), "").endsWith(":" + port)) {
                problems.add(host + " advertises " + listener.get() + " on " + server + " but binds it to "
                        + bound.get(listener.get()) + " (KAFKA_LISTENERS)");
            }
        }
        problems.assertNone();
    }

    @Test
    void theKafkaImageIsTheVersionOfTheClients() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(pom);
        assertTrue(version.find(), "the root pom defines no kafka.version");
        List<String> brokers = compose.services().stream().map(compose::image)
                .filter(image -> image.startsWith("apache/kafka:")).toList();
        assertEquals(List.of("apache/kafka:" + version.group(1)), brokers,
                "the compose broker should be the Kafka version the services' clients (and tests) use");
    }

    @Test
    void everyServiceTrustsTheIssuerOrgServiceServesUnderItsComposeName() {
        Problems problems = new Problems("DOCUMIND_ISSUER");
        Map<String, String> issuers = new LinkedHashMap<>();
        SERVICES.forEach(s -> issuers.put(s, compose.environment(s).getOrDefault("DOCUMIND_ISSUER", "")));
        if (issuers.values().stream().distinct().count() != 1) {
            problems.add("differs between services " + issuers + "; tokens carry one iss, which every service must "
                    + "accept");
        }
        String orgPort = compose.environment("org-service").get("SERVER_PORT");
        String expected = "http://org-service:" + orgPort + "/oidc";
        issuers.forEach((service, issuer) -> {
            if (!issuer.equals(expected)) {
                problems.add(service + " has '" + issuer + "'; services reach org-service as " + expected);
            }
            if (issuer.startsWith("http://")
                    && !"true".equals(compose.environment(service).get("DOCUMIND_ALLOW_HTTP_ISSUER"))) {
                problems.add(service + " would refuse to start: its issuer is plain http and"
                        + " DOCUMIND_ALLOW_HTTP_ISSUER is not true");
            }
        });
        problems.assertNone();
    }

    /**
     * invitation-service and org-service seal links and codes with the public half, and notification-service opens
     * them with the private half: halves of two pairs start fine and fail at the first email, each one Failed. The
     * public half is the private scalar times X25519's base point (u = 9), which a key agreement with it computes.
     */
    @Test
    void theLinkKeyHalvesTheServicesAreGivenAreOnePair() throws GeneralSecurityException {
        KeyFactory xdh = KeyFactory.getInstance("XDH");
        PrivateKey privateHalf = xdh.generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(compose.environment("notification-service")
                        .get("DOCUMIND_NOTIFICATION_LINK_PRIVATE_KEY"))));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateHalf);
        agreement.doPhase(xdh.generatePublic(new XECPublicKeySpec(
                NamedParameterSpec.X25519, BigInteger.valueOf(9))), true);
        byte[] littleEndian = agreement.generateSecret();
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger expected = new BigInteger(1, bigEndian);
        Map<String, String> publicHalves = Map.of("invitation-service", "DOCUMIND_INVITATION_LINK_PUBLIC_KEY",
                "org-service", "DOCUMIND_IDENTITY_MAIL_PUBLIC_KEY");
        for (Map.Entry<String, String> half : publicHalves.entrySet()) {
            XECPublicKey publicHalf = (XECPublicKey) xdh.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(
                            compose.environment(half.getKey()).get(half.getValue()))));
            assertEquals(expected, publicHalf.getU(), half.getKey() + "'s " + half.getValue()
                    + " is not the public half of notification-service's private key");
        }
    }

    /**
     * The local stack's own defaults (a development signing key, a known secret) apply only where
     * {@code DOCUMIND_LOCAL_STACK} is true or Micronaut runs in its test environment: set in the compose file, either
     * would switch the start-up check off and let the services fall back to the repository's keys.
     */
    @ParameterizedTest
    @MethodSource("services")
    void itDoesNotClaimToBeTheLocalStackOrATest(String service) {
        Map<String, String> environment = compose.environment(service);
        assertTrue(!environment.containsKey("DOCUMIND_LOCAL_STACK"), service + " sets DOCUMIND_LOCAL_STACK");
        for (String variable : List.of("MICRONAUT_ENVIRONMENTS", "MICRONAUT_ENV")) {
            String environments = environment.getOrDefault(variable, "");
            assertTrue(!environments.contains("test") && !environments.contains("local"),
                    service + " sets " + variable + "=" + environments);
        }
    }

    @Test
    void notificationServiceSendsMailToTheMailCatchersSmtpPort() {
        Problems problems = new Problems("notification-service");
        Map<String, String> environment = compose.environment("notification-service");
        String host = environment.getOrDefault("SMTP_HOST", "");
        if (!compose.has(host)) {
            problems.add("SMTP_HOST '" + host + "' is not a service of the compose file");
        } else {
            List<String> smtpPorts = compose.ports(host).stream().map(PortMapping::container).toList();
            if (!smtpPorts.contains(environment.get("SMTP_PORT"))) {
                problems.add("SMTP_PORT " + environment.get("SMTP_PORT") + " is not a port of " + host + " "
                        + smtpPorts);
            }
        }
        problems.assertNone();
    }

    @ParameterizedTest
    @MethodSource("services")
    void itWaitsForTheInfrastructureItIsWiredToBeHealthy(String service) {
        Problems problems = new Problems(service);
        Map<String, String> environment = compose.environment(service);
        Set<String> wiredTo = new TreeSet<>();
        Matcher db = Pattern.compile("//([\\w.-]+)").matcher(environment.getOrDefault("DATABASE_URL", ""));
        if (db.find()) {
            wiredTo.add(db.group(1));
        }
        Stream.of(environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "").split(","))
                .map(s -> s.strip().split(":")[0]).filter(s -> !s.isEmpty()).forEach(wiredTo::add);
        Optional.ofNullable(environment.get("SMTP_HOST")).ifPresent(wiredTo::add);
        Map<String, String> dependsOn = compose.dependsOn(service);
        for (String infrastructure : wiredTo) {
            if (!compose.has(infrastructure)) {
                problems.add("is wired to " + infrastructure + ", which is not a service of the compose file");
            } else if (!"service_healthy".equals(dependsOn.get(infrastructure))) {
                problems.add("is wired to " + infrastructure + " but does not depend on it with condition "
                        + "service_healthy (depends_on: " + dependsOn + ")");
            }
        }
        problems.assertNone();
    }

    @Test
    void everyDependencyExistsAndHasTheHealthcheckItsConditionWaitsFor() {
        Problems problems = new Problems("depends_on");
        for (String service : compose.services()) {
            compose.dependsOn(service).forEach((target, condition) -> {
                if (!compose.has(target)) {
                    problems.add(service + " depends on " + target + ", which is not a service");
                } else if (condition.equals("service_healthy") && compose.healthcheck(target).isEmpty()) {
                    problems.add(service + " waits for " + target + " to be healthy, but " + target
                            + " has no healthcheck");
                } else if (!Set.of("service_healthy", "service_started", "service_completed_successfully")
                        .contains(condition)) {
                    problems.add(service + " depends on " + target + " with unknown condition " + condition);
                }
            });
        }
        problems.assertNone();
    }

    @Test
    void everyInterpolatedValueHasALocalDefaultAndEveryPortIsBoundToLoopback() {
        Problems problems = new Problems("docker-compose.yml");
        Matcher bare = Pattern.compile("(?<!\\$)\\$(\\w+|\\{\\w+})").matcher(compose.text());
        while (bare.find()) {
            problems.add("interpolates " + bare.group() + " without a default: `docker compose up` would run with "
                    + "an empty value unless it is exported (write ${NAME:-local default} or ${NAME:?why})");
        }
        for (String service : compose.services()) {
            for (PortMapping port : compose.ports(service)) {
                if (!port.hostIp().equals("127.0.0.1")) {
                    problems.add(service + " publishes " + port + " beyond this machine; the stack holds "
                            + "placeholder secrets, bind it to 127.0.0.1");
                }
            }
        }
        problems.assertNone();
    }

    /**
     * The start-up check warns about a deployment still running on one of the compose file's placeholder secrets; it
     * knows them from the kit's list, which must hold every secret default here (a value of a variable named
     * *PASSWORD, *SECRET, *KEY or *KEYS, but for DOCUMIND_SIGNING_KEYS, whose {@code database} is a mode) and no
     * other.
     */
    @Test
    void theStartUpCheckKnowsEveryPlaceholderSecretOfTheComposeFile() throws IOException {
        Set<String> listed = Files.readAllLines(root.resolve(
                        "service-kit/src/main/resources/io/documind/kit/deployment/compose-placeholders.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toSet());
        Set<String> defaults = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(\\w+(?:PASSWORD|SECRET|KEY|KEYS)):?-([^}]*)}").matcher(compose.text());
        while (m.find()) {
            if (!m.group(2).isEmpty() && !m.group(1).equals("DOCUMIND_SIGNING_KEYS")) {
                defaults.add(m.group(2));
            }
        }
        assertTrue(defaults.size() >= 6, "the compose file's secret defaults were found: " + defaults);
        assertEquals(defaults, new TreeSet<>(listed));

        // And the check can see each: every variable a service gets one of them in is a setting it checks.
        Problems problems = new Problems("docker-compose.yml");
        for (String service : SERVICES) {
            Set<String> checked = Reads.of(root, service).guarded().stream().map(GuardedSetting::variable)
                    .collect(Collectors.toSet());
            compose.environment(service).forEach((variable, value) -> {
                if (listed.contains(value) && !checked.contains(variable)) {
                    problems.add(service + " gets a placeholder secret in " + variable + ", which its start-up check"
                            + " does not inspect, so nothing warns about it");
                }
            });
        }
        problems.assertNone();
    }

    /** The jar `./mvnw package` builds, relative to the repository root (the images' build context). */
    private static String jarOf(String service) {
        return ServiceProcess.packagedJar(Path.of(""), service).toString();
    }

    /** The service's build, when it names a Dockerfile that exists (the first test says what is wrong otherwise). */
    private static Build builtService(String service, Problems problems) {
        Build build = compose.has(service) ? compose.build(service) : null;
        if (build == null || !Files.isRegularFile(build.dockerfile())) {
            problems.failWith("is not built from a Dockerfile of this repository");
        }
        return build;
    }

    private static Set<String> databasesCreatedBy(String postgres, Problems problems) {
        Set<String> databases = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE\\s+DATABASE\\s+\"?(\\w+)\"?", Pattern.CASE_INSENSITIVE);
        List<String[]> scripts = compose.volumes(postgres).stream().map(v -> v.split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].startsWith(INIT_DIRECTORY) && parts[0].startsWith("."))
                .toList();
        if (scripts.isEmpty()) {
            problems.add(postgres + " mounts no init script from this repository into " + INIT_DIRECTORY
                    + ", so no service database is created");
        }
        for (String[] parts : scripts) {
            Path script = root.resolve(parts[0]).normalize();
            if (!Files.isRegularFile(script)) {
                problems.add(postgres + " mounts init script " + parts[0] + ", which does not exist");
                continue;
            }
            Matcher m = create.matcher(read(script));
            while (m.find()) {
                databases.add(m.group(1));
            }
        }
        return databases;
    }

    /** {@code NAME://host:port,...} → name → host:port. */
    private static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            String[] parts = listener.strip().split("://", 2);
            if (parts.length == 2) {
                listeners.put(parts[0], parts[1]);
            }
        }
        return listeners;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what is wrong, so one run names all of it. */
    private record Problems(String subject, List<String> found) {
        Problems(String subject) {
            this(subject, new ArrayList<>());
        }

        void add(String problem) {
            found.add(problem);
        }

        /** When nothing further can be checked. */
        void failWith(String problem) {
            add(problem);
            assertNone();
        }

        void assertNone() {
            assertTrue(found.isEmpty(), () -> subject + ":\n  - " + String.join("\n  - ", found));
        }
    }

    /** A service's build section: the context, the Dockerfile and the build args (interpolated). */
    private record Build(Path context, Path dockerfile, Map<String, String> args) {
    }

    private record PortMapping(String hostIp, String published, String container) {
        @Override
        public String toString() {
            return (hostIp.isEmpty() ? "" : hostIp + ":") + published + ":" + container;
        }
    }

    /** docker-compose.yml as Compose reads it: YAML merge keys resolved, ${NAME:-default} interpolated. */
    private record Compose(String text, Map<String, Map<String, Object>> model) {

        private static final Pattern INTERPOLATION =
                Pattern.compile("\\$\\$|\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}|\\$(\\w+)");

        @SuppressWarnings("unchecked")
        static Compose read(Path file) {
            String text = ComposeFileTest.read(file);
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            Object services = document.get("services");
            assertTrue(services instanceof Map, "docker-compose.yml has no services: section");
            return new Compose(text, (Map<String, Map<String, Object>>) services);
        }

        Set<String> services() {
            return model.keySet();
        }

        boolean has(String service) {
            return model.containsKey(service);
        }

        String image(String service) {
            return Objects.toString(model.get(service).get("image"), "");
        }

        Build build(String service) {
            Object build = model.get(service).get("build");
            if (build == null) {
                return null;
            }
            Map<?, ?> section = build instanceof Map<?, ?> m ? m : Map.of("context", build);
            Path context = root.resolve(Objects.toString(section.get("context"), ".")).normalize();
            return new Build(context, context.resolve(Objects.toString(section.get("dockerfile"), "Dockerfile"))
                    .normalize(), keyValues(section.get("args")));
        }

        Map<String, String> environment(String service) {
            return keyValues(has(service) ? model.get(service).get("environment") : null);
        }

        /** A map section, or a list of NAME=value, as compose reads environment and build args. */
        private static Map<String, String> keyValues(Object section) {
            Map<String, String> values = new LinkedHashMap<>();
            if (section instanceof Map<?, ?> map) {
                map.forEach((k, v) -> values.put(k.toString(), v == null ? "" : interpolate(v.toString())));
            } else if (section instanceof List<?> list) {
                for (Object entry : list) {
                    String[] kv = entry.toString().split("=", 2);
                    values.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
                }
            }
            return values;
        }

        List<PortMapping> ports(String service) {
            List<PortMapping> ports = new ArrayList<>();
            for (Object port : list(model.get(service).get("ports"))) {
                if (port instanceof Map<?, ?> m) {
                    ports.add(new PortMapping(Objects.toString(m.get("host_ip"), ""),
                            Objects.toString(m.get("published"), ""), Objects.toString(m.get("target"), "")));
                    continue;
                }
                String[] parts = interpolate(port.toString()).replaceAll("/\\w+$", "").split(":");
                String container = parts[parts.length - 1];
                String published = parts.length > 1 ? parts[parts.length - 2] : "";
                ports.add(new PortMapping(parts.length > 2 ? parts[0] : "", published, container));
            }
            return ports;
        }

        /** target → condition. */
        Map<String, String> dependsOn(String service) {
            Object section = model.get(service).get("depends_on");
            Map<String, String> dependsOn = new LinkedHashMap<>();
            if (section instanceof Map<?, ?> map) {
                map.forEach((target, options) -> dependsOn.put(target.toString(), options instanceof Map<?, ?> o
                        ? Objects.toString(o.get("condition"), "service_started") : "service_started"));
            } else {
                list(section).forEach(target -> dependsOn.put(target.toString(), "service_started"));
            }
            return dependsOn;
        }

        /** The healthcheck's command as one line; a built service without one falls back to its Dockerfile's. */
        String healthcheck(String service) {
            if (model.get(service).get("healthcheck") instanceof Map<?, ?> check && check.get("test") != null) {
                Object test = check.get("test");
                return test instanceof List<?> l ? l.stream().map(Object::toString).collect(Collectors.joining(" "))
                        : test.toString();
            }
            Build build = build(service);
            return build != null && Files.isRegularFile(build.dockerfile())
                    ? Dockerfile.read(build.dockerfile(), build.args()).last("HEALTHCHECK").orElse("") : "";
        }

        List<String> volumes(String service) {
            return list(model.get(service).get("volumes")).stream().map(Object::toString).toList();
        }

        private static List<?> list(Object section) {
            return section instanceof List<?> l ? l : List.of();
        }

        /** Compose's interpolation: the default where one is given; {@code :?} values come from the shell. */
        private static String interpolate(String value) {
            Matcher m = INTERPOLATION.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group().equals("$$")) {
                    replacement = "$";
                } else if (m.group(2) != null && m.group(2).endsWith("-")) {
                    replacement = m.group(3);
                } else if (m.group(2) != null) {
                    replacement = "<" + m.group(1) + " from the shell>";
                } else {
                    replacement = ""; // unset: reported by everyInterpolatedValueHasALocalDefault...
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /**
     * The instructions of a Dockerfile as one build sees them: continuation lines joined, comments dropped, and
     * variables expanded where Docker expands them at build time (in FROM with the ARGs before it; in ADD, COPY,
     * ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME and WORKDIR with the stage's ARGs and ENVs). RUN, CMD,
     * ENTRYPOINT and HEALTHCHECK stay as written: a shell expands them later, or nothing does (exec form).
     *
     * @param args      the ARGs declared after FROM → their default (null: none)
     * @param used      the ARGs named anywhere after their declaration (also in RUN)
     * @param undefined variables named where Docker expands them, without an ARG or ENV defining them before
     */
    private record Dockerfile(List<Map.Entry<String, String>> instructions, Map<String, String> args,
                              Set<String> used, Set<String> undefined) {

        private static final Set<String> EXPANDED = Set.of("ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM", "LABEL",
                "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
        /** \$ (a literal dollar), ${NAME}, ${NAME:-word}, ${NAME:+word}, $NAME. */
        private static final Pattern VARIABLE =
                Pattern.compile("\\\\\\$|\\$\\{(\\w+)(?::([-+])([^}]*))?}|\\$(\\w+)");

        /** Reads the Dockerfile as built with these build args ({@code --build-arg NAME=value}). */
        static Dockerfile read(Path file, Map<String, String> buildArgs) {
            Dockerfile dockerfile = new Dockerfile(new ArrayList<>(), new LinkedHashMap<>(), new TreeSet<>(),
                    new TreeSet<>());
            Map<String, String> global = new LinkedHashMap<>();
            Map<String, String> stage = null;
            for (Map.Entry<String, String> instruction : parse(file)) {
                String keyword = instruction.getKey();
                String arguments = instruction.getValue();
                Map<String, String> scope = stage == null || keyword.equals("FROM") ? global : stage;
                if (stage != null) {
                    names(arguments).stream().filter(dockerfile.args::containsKey).forEach(dockerfile.used::add);
                }
                if (EXPANDED.contains(keyword)) {
                    arguments = dockerfile.expand(arguments, scope);
                }
                if (keyword.equals("FROM")) {
                    stage = new LinkedHashMap<>();
                } else if (keyword.equals("ARG")) {
                    String[] nameAndDefault = arguments.strip().split("=", 2);
                    String name = nameAndDefault[0];
                    String fallback = nameAndDefault.length > 1 ? unquoted(nameAndDefault[1])
                            : stage != null ? global.get(name) : null;
                    if (stage != null) {
                        dockerfile.args.put(name, fallback);
                    }
                    scope.put(name, buildArgs.getOrDefault(name, fallback == null ? "" : fallback));
                } else if (keyword.equals("ENV")) {
                    scope.putAll(environment(arguments));
                }
                dockerfile.instructions.add(Map.entry(keyword, arguments));
            }
            return dockerfile;
        }

        /** Continuation lines joined, comments and blank lines dropped: keyword → its arguments as written. */
        private static List<Map.Entry<String, String>> parse(Path file) {
            List<Map.Entry<String, String>> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : ComposeFileTest.read(file).split("\n")) {
                String stripped = line.strip();
                if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                    continue;
                }
                boolean continues = stripped.endsWith("\\");
                current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
                if (!continues) {
                    String[] parts = current.toString().strip().split("\\s+", 2);
                    instructions.add(Map.entry(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
                    current.setLength(0);
                }
            }
            return instructions;
        }

        private String expand(String text, Map<String, String> scope) {
            Matcher m = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value;
                if (name == null) {
                    value = "$";
                } else {
                    if (!scope.containsKey(name) && m.group(2) == null) {
                        undefined.add(name);
                    }
                    String current = scope.getOrDefault(name, "");
                    value = m.group(2) == null ? current
                            : m.group(2).equals("-") ? (current.isEmpty() ? m.group(3) : current)
                            : (current.isEmpty() ? "" : m.group(3));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private static Set<String> names(String text) {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                Optional.ofNullable(m.group(1) != null ? m.group(1) : m.group(4)).ifPresent(names::add);
            }
            return names;
        }

        /** ENV NAME=value ... (or the legacy ENV NAME value). */
        private static Map<String, String> environment(String arguments) {
            Map<String, String> variables = new LinkedHashMap<>();
            String[] words = arguments.strip().split("\\s+");
            if (words.length > 0 && !words[0].contains("=")) {
                variables.put(words[0], unquoted(arguments.strip().substring(words[0].length()).strip()));
                return variables;
            }
            for (String word : words) {
                String[] kv = word.split("=", 2);
                variables.put(kv[0], kv.length > 1 ? unquoted(kv[1]) : "");
            }
            return variables;
        }

        private static String unquoted(String value) {
            return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'")) ? value.substring(1, value.length() - 1) : value;
        }

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.getKey().equals(keyword)).map(Map.Entry::getValue).toList();
        }

        Optional<String> last(String keyword) {
            List<String> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
        }

        /** The words of exec form (a JSON array) or shell form, without --flags. */
        static List<String> words(String arguments) {
            List<String> words = new ArrayList<>();
            if (arguments.strip().startsWith("[")) {
                Matcher quoted = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(arguments);
                while (quoted.find()) {
                    words.add(quoted.group(1));
                }
                return words;
            }
            for (String word : arguments.strip().split("\\s+")) {
                if (!word.startsWith("--")) {
                    words.add(word);
                }
            }
            return words;
        }
    }

    /** A setting the kit's DeploymentGuard demands outside the local stack (localDefault: the value it refuses). */
    private record GuardedSetting(String property, String variable, Pattern localDefault) {
    }

    /**
     * What a service reads from its environment, from the source tree: {@code ${NAME...}} placeholders in its
     * application.yml and in its and the kit's code, and the properties that configuration and code ask for, which
     * Micronaut also takes from the environment ({@code DOCUMIND_MANAGEMENT_CLIENT_ID} →
     * {@code documind.management.client-id}).
     *
     * @param placeholders        variable → its defaults, one per place it is read (null: none)
     * @param properties          property names, normalised by {@link #normalised(String)}
     * @param variablesOfProperty normalised property → the variables its configured value names
     * @param guarded             what the kit's DeploymentGuard demands outside the local stack
     */
    private record Reads(Map<String, List<String>> placeholders, Set<String> properties,
                         Map<String, Set<String>> variablesOfProperty, List<GuardedSetting> guarded) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([\\w.-]+)(?::(`[^`]*`|[^}]*))?}");
        private static final Pattern GETENV = Pattern.compile("getenv\\(\"(\\w+)\"\\)");
        private static final Pattern REQUIRES_PROPERTY = Pattern.compile("property\\s*=\\s*\"([\\w.-]+)\"");
        private static final Pattern CONFIGURATION_PROPERTIES =
                Pattern.compile("@ConfigurationProperties\\(\\s*\"([\\w.-]+)\"");
        private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+\\s+extends\\s+(\\w+)");
        private static final Pattern FIELD =
                Pattern.compile("^\\s*private\\s+(?!static)(?:final\\s+)?[\\w<>, ?\\[\\].]+\\s+(\\w+)\\s*[;=]",
                        Pattern.MULTILINE);
        private static final Pattern GET_PROPERTY = Pattern.compile("getProperty\\(\\s*\"([\\w.-]+)\"");
        /** The kit's deployment guard: new RequiredSetting("property", "VARIABLE", "local default regex" | null). */
        private static final Pattern REQUIRED_SETTING = Pattern.compile(
                "new\\s+RequiredSetting\\(\\s*\"([\\w.-]+)\"\\s*,\\s*\"(\\w+)\"\\s*,"
                        + "\\s*(?:null|\"((?:[^\"\\\\]|\\\\.)*)\")\\s*\\)");
        /** Defaults in code, like the kit's: Map.entry("property", "value"). */
        private static final Pattern MAP_ENTRY =
                Pattern.compile("Map\\.entry\\(\\s*\"([\\w.-]+)\"\\s*,\\s*\"([^\"]*)\"");
        private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost");

        static Reads of(Path root, String service) {
            Reads reads = new Reads(new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashMap<>(),
                    new ArrayList<>());
            Map<String, List<Path>> sources = new LinkedHashMap<>(); // module → its Java files
            Map<String, String> classes = new LinkedHashMap<>(); // simple name → source, to find superclasses
            for (String module : List.of(service, "service-kit")) {
                try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                    sources.put(module, files.filter(p -> p.toString().endsWith(".java")).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sources.get(module).forEach(p -> classes.putIfAbsent(
                        p.getFileName().toString().replace(".java", ""), read(p)));
            }
            for (String module : sources.keySet()) {
                for (String name : List.of("application.yml", "application.yaml")) {
                    Path yml = root.resolve(module).resolve("src/main/resources").resolve(name);
                    if (Files.isRegularFile(yml)) {
                        reads.scanConfiguration(read(yml));
                    }
                }
                sources.get(module).forEach(p -> reads.scanCode(read(p), classes));
            }
            return reads;
        }

        boolean reads(String variable) {
            return placeholders.containsKey(variable) || properties.contains(normalised(variable));
        }

        Optional<String> defaultOf(String variable) {
            return placeholders.getOrDefault(variable, List.of()).stream().filter(Objects::nonNull).findFirst();
        }

        /**
         * The always-required, the given ones, those the deployment guard demands, those without a default and
         * those defaulting to loopback.
         */
        Set<String> requiredInAContainer(Collection<String> alsoRequired) {
            Set<String> required = new LinkedHashSet<>(ALWAYS_REQUIRED);
            required.addAll(alsoRequired);
            guarded.forEach(setting -> required.add(setting.variable()));
            placeholders.forEach((variable, defaults) -> {
                if (defaults.stream().anyMatch(d -> d == null || LOOPBACK.matcher(d).find())) {
                    required.add(variable);
                }
            });
            return required;
        }

        /** The deployment guard's pattern of the local-development default it refuses, if any. */
        Optional<Pattern> refusedLocalDefault(String variable) {
            return guarded.stream().filter(g -> g.variable().equals(variable) && g.localDefault() != null)
                    .map(GuardedSetting::localDefault).findFirst();
        }

        /** Whether the variable sets the property: Micronaut's mapping, or a placeholder configuring it. */
        boolean feeds(String variable, String property) {
            return normalised(variable).equals(normalised(property))
                    || variablesOfProperty.getOrDefault(normalised(property), Set.of()).contains(variable);
        }

        String whyRequired(String variable) {
            List<String> defaults = placeholders.getOrDefault(variable, List.of());
            if (guarded.stream().anyMatch(g -> g.variable().equals(variable))) {
                return "(the kit's DeploymentGuard refuses to start without it)";
            }
            if (ALWAYS_REQUIRED.contains(variable)) {
                return "(every service needs it: its defaults are the local stack's addresses)";
            }
            if (defaults.stream().anyMatch(Objects::isNull)) {
                return "(it has no default)";
            }
            return "(its default " + defaults + " means the container itself)";
        }

        private void scanConfiguration(String yml) {
            scanPlaceholders(yml);
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yml);
            addKeys("", document);
        }

        private void addKeys(String prefix, Object node) {
            if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> addKeys(prefix.isEmpty() ? k.toString() : prefix + "." + k, v));
            } else {
                configures(prefix, String.valueOf(node));
            }
        }

        /** A property and the value configuring it, which may name variables in placeholders. */
        private void configures(String property, String value) {
            properties.add(normalised(property));
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                variablesOfProperty.computeIfAbsent(normalised(property), k -> new LinkedHashSet<>()).add(m.group(1));
            }
        }

        /** @param classes the sources by simple class name, where a configuration class's superclass is found */
        private void scanCode(String java, Map<String, String> classes) {
            scanPlaceholders(java);
            Matcher m = GETENV.matcher(java);
            while (m.find()) {
                placeholders.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add("");
            }
            for (Pattern property : List.of(REQUIRES_PROPERTY, GET_PROPERTY)) {
                m = property.matcher(java);
                while (m.find()) {
                    properties.add(normalised(m.group(1)));
                }
            }
            m = MAP_ENTRY.matcher(java);
            while (m.find()) {
                configures(m.group(1), m.group(2));
            }
            m = REQUIRED_SETTING.matcher(java);
            while (m.find()) {
                properties.add(normalised(m.group(1)));
                guarded.add(new GuardedSetting(m.group(1), m.group(2), m.group(3) == null ? null
                        : Pattern.compile(m.group(3).replace("\\\\", "\\").replace("\\\"", "\""))));
            }
            m = CONFIGURATION_PROPERTIES.matcher(java);
            if (m.find()) {
                String prefix = m.group(1);
                // Its fields, and those it inherits (e.g. the kit's RetrySettings), bind under its prefix.
                for (String type = java; type != null; ) {
                    Matcher field = FIELD.matcher(type);
                    while (field.find()) {
                        properties.add(normalised(prefix + "."
                                + field.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2")));
                    }
                    Matcher superclass = EXTENDS.matcher(type);
                    type = superclass.find() ? classes.get(superclass.group(1)) : null;
                }
            }
        }

        private void scanPlaceholders(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                if (name.matches("[A-Z][A-Z0-9_]*")) {
                    String fallback = m.group(2) == null ? null : m.group(2).replace("`", "");
                    placeholders.computeIfAbsent(name, k -> new ArrayList<>()).add(fallback);
                } else {
                    properties.add(normalised(name));
                }
            }
        }

        /** Micronaut matches {@code A_B_C} to a.b.c, a.b-c, a-b.c and a-b-c alike. */
        private static String normalised(String name) {
            return name.toLowerCase().replace('_', '.').replace('-', '.');
        }
    }
}
