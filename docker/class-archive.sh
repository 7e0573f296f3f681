#!/bin/sh
# Makes a service image's class data archive at build time (docker/service.Dockerfile), from the class list
# `./dev classlists` wrote for it: the JVM then maps the service's classes at start instead of reading, parsing and
# verifying them from the jar (README, Operations: start-up and memory). Needs only the jar and the list, no start of
# the service.
#
# usage: class-archive.sh <classlist.gz> <jar> <archive>
# The jar must be named at run time exactly as here (same path): the archive records it and is ignored otherwise.
#
# Without a list the archive holds the JDK's default classes only (the image builds, and starts as it did before
# lists existed), with a warning. A list that is there but refused (written by another JDK than the image's: its
# lines are the JDK's own format) fails the build, rather than leaving an image that starts twice as slowly.
set -eu
list="$1"
jar="$2"
archive="$3"
if [ ! -f "$list" ]; then
  echo "class-archive: WARNING no class list at $list; the JDK's default classes only (run ./dev classlists)" >&2
  exec java -Xshare:dump -XX:SharedArchiveFile="$archive" -Xlog:cds*=error
fi
classes="$(mktemp)"
trap 'rm -f "$classes"' EXIT
gunzip -c "$list" > "$classes"
if ! java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$archive" -Xlog:cds*=error \
    -jar "$jar"; then
  echo "class-archive: the JVM refused $list (written by another JDK than $(java -version 2>&1 | head -1)?):" \
    "run ./dev classlists with the image's JDK" >&2
  rm -f "$archive"
  exit 1
fi
echo "class-archive: $archive from $list"
