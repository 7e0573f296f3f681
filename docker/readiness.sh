#!/bin/bash
# The image's readiness probe (HEALTHCHECK and docker-compose.yml): exits 0 when the URL, http://host:port/path,
# answers 200. Bash's /dev/tcp rather than curl, which the Temurin 25 images no longer ship, and rather than a JVM,
# which would cost each probe a second of CPU.
set -u
url="${1:?usage: readiness.sh http://host:port/path}"
rest="${url#http://}"
authority="${rest%%/*}"
path="/${rest#*/}"
exec 3<>"/dev/tcp/${authority%%:*}/${authority##*:}" 2>/dev/null || exit 1
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$authority" >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ "$status" == "HTTP/1."?" 200 "* ]]
