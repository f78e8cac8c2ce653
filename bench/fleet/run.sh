#!/usr/bin/env bash
# Scale benchmark of `upm fleet check` (run on demand; not part of the test suite). See bench/fleet/README.md.
#
#   bench/fleet/run.sh                         50 repositories x 10 packages, no added latency, limit 10 s
#   BENCH_LATENCY_MS=20 bench/fleet/run.sh     every stand-in request takes 20 ms more (a slow network)
#   BENCH_REPOS=200 BENCH_PER_REPO=5 ...       another fleet shape
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d -t upm-fleet-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cd "$HERE"
# the CLI jar bin/upm runs, and core's test classes (the GitHub stand-in)
mvn -q -B -ntp -DskipTests -pl cli -am package >&2
mvn -q -B -ntp -DskipTests -pl core test-compile >&2
mvn -q -B -ntp -pl core dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2
# bin/upm maps the class-data-sharing archive when a publish has written one (bench/publish does); none is made here
CP="$HERE/core/target/classes:$HERE/core/target/test-classes:$(cat "$WORK/cp.txt")"
# TCP_NODELAY on the stand-ins, as GitHub and Node servers answer: the JDK server otherwise adds ~40 ms per request
java -Dsun.net.httpserver.nodelay=true -cp "$CP" "$HERE/bench/fleet/FleetBench.java" "$HERE/bin/upm" "$WORK/fleet"
