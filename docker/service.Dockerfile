# syntax=docker/dockerfile:1
# The image of every DocuMind service: it runs the jar the Maven build already packaged, so build that first on
# the host:
#   ./mvnw package -DskipTests
# No Maven inside the image: builds stay offline-friendly and reuse the host's ~/.m2.
# Build context is the repository root (see docker-compose.yml and .dockerignore); the build args name the service:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=org-service --build-arg PORT=8081 \
#     -t documind/org-service .

# JDK 21+ runtime (DESIGN §3): 25, the JDK every figure in the README was measured on and the one `./dev classlists`
# writes the class lists with (their JDK lines must be the image's). Its images ship no curl (21's did): the
# healthcheck is docker/readiness.sh, which needs bash only.
FROM eclipse-temurin:25-jre-noble

# The service's Maven module (org-service, document-service, ...) and the port it listens on (its SERVER_PORT
# default). Both are required: without them the build stops here rather than producing an image that cannot run.
ARG MODULE
ARG PORT

# A system user without a login shell; the process owns nothing it could rewrite (the jar belongs to root).
RUN if [ -z "$MODULE" ] || [ -z "$PORT" ]; then echo "build args MODULE and PORT are required" >&2; exit 1; fi \
 && groupadd --system documind \
 && useradd --system --gid documind --home-dir /app --no-create-home --shell /usr/sbin/nologin documind
WORKDIR /app
# One fixed path for every service, so the entrypoint below needs no build arg (exec form expands none).
COPY ${MODULE}/target/${MODULE}.jar /app/service.jar
COPY docker/readiness.sh /app/readiness.sh
# The service's class data archive, made here from the class list `./dev classlists` wrote (docker/classlists): the
# JVM maps the classes a start needs instead of reading, parsing and verifying them from the jar, about half the
# start-up (README, Operations: start-up and memory). Made as root, so the service cannot rewrite it. The script and
# the lists are mounted for this step only (.dockerignore lets them into the context), so no layer keeps them.
RUN --mount=type=bind,source=docker,target=/tmp/docker \
    sh /tmp/docker/class-archive.sh "/tmp/docker/classlists/${MODULE}.classlist.gz" /app/service.jar /app/service.jsa
USER documind

ENV SERVER_PORT=${PORT}
# Two glibc malloc arenas instead of one per allocating thread: tens of MB of RSS less (README, Operations).
ENV MALLOC_ARENA_MAX=2
EXPOSE ${PORT}
# Ready means its database answers (503 otherwise; Kafka is only reported, see KafkaHealthIndicator). Shell form so a different SERVER_PORT still works.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash /app/readiness.sh "http://127.0.0.1:${SERVER_PORT}/health/readiness" || exit 1

# Exec form: java is PID 1 and gets SIGTERM itself, so shutdown is graceful. Heap follows the container's memory
# limit; after an OutOfMemoryError the process exits and the orchestrator restarts it, rather than limping on.
# More JVM flags: JAVA_TOOL_OPTIONS.
# The native heap is trimmed every 5 s: glibc otherwise keeps what the JVM freed as RSS (README, Operations).
# The class archive names the jar as /app/service.jar and is used only with it; its notes about classes it could
# not hold would be lines in the JSON log, hence cds at error level.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/service.jsa", "-Xlog:cds*=error", "-XX:MaxRAMPercentage=75", \
            "-XX:+ExitOnOutOfMemoryError", "-XX:TrimNativeHeapInterval=5000", "-jar", "/app/service.jar"]
