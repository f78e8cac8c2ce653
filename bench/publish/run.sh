#!/usr/bin/env bash
# Publish and pack benchmarks: upm against the npm CLI, measured in the same run on the same local Verdaccio.
#
#   bench/publish/run.sh            typical (200 files, ~2 MB) and large (2000 files, ~50 MB) packages
#   BENCH_HUGE=1 bench/publish/run.sh   adds a ~500 MB package published by upm with -Xmx128m (memory bound check)
#   BENCH_RUNS=5 ...                    repetitions per measurement (median is reported; default 3)
#
# What is compared (each a fresh process, as in CI):
#   publish: `upm publish` (detect + validate + packument + pack + publish + verify, changelog off, no commit-back)
#            vs the npm sequence the GitHub Actions workflow ran: `npm view` x2 (exists? highest?) + `npm publish`
#            + `npm view` (verify).
#   pack:    `upm pack DIR --out F` vs `npm pack DIR`.
# Peak resident memory (RSS) comes from GNU time. Output: a table and ratios (npm time / upm time, >1 = upm faster).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${BENCH_RUNS:-3}"
WORK="$(mktemp -d -t upm-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
REGISTRY="http://127.0.0.1:$PORT/"
VPID=""
cleanup() { [[ -n "$VPID" ]] && kill "$VPID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

[[ -f "$HERE/tools/verdaccio/node_modules/verdaccio/package.json" ]] || (cd "$HERE/tools/verdaccio" && npm ci --no-audit --no-fund >/dev/null)
(cd "$HERE" && mvn -q -B -ntp -DskipTests -pl cli -am package) >&2

mkdir -p "$WORK/registry/storage"
cat > "$WORK/registry/config.yaml" <<YAML
storage: ./storage
auth: { htpasswd: { file: ./htpasswd } }
security: { api: { jwt: { sign: { expiresIn: 7d } } } }
uplinks: {}
max_body_size: 2gb
packages:
  '**': { access: \$authenticated, publish: \$authenticated }
log: { type: stdout, format: pretty, level: error }
YAML
(cd "$WORK/registry" && exec node "$HERE/tools/verdaccio/node_modules/verdaccio/bin/verdaccio" \
  --config config.yaml --listen "127.0.0.1:$PORT" >verdaccio.log 2>&1) &
VPID=$!
for _ in $(seq 1 100); do curl -fs "${REGISTRY}-/ping" >/dev/null 2>&1 && break; sleep 0.2; done
TOKEN="$(curl -fs -X PUT -H 'content-type: application/json' "${REGISTRY}-/user/org.couchdb.user:bench" \
  -d '{"name":"bench","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
NPMRC="$WORK/npmrc"; printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$REGISTRY" "$PORT" "$TOKEN" > "$NPMRC"
export UPM_REGISTRY="$REGISTRY" UPM_REGISTRY_TOKEN="$TOKEN" npm_config_userconfig="$NPMRC"

# makepkg DIR NAME FILES BYTES: a Unity package with FILES assets (+ .meta each) totalling about BYTES
makepkg() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, os, sys, random
d, name, files, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
os.makedirs(d, exist_ok=True)
json.dump({"name": name, "version": "1.0.0", "displayName": name, "unity": "2022.3", "description": "bench"},
          open(os.path.join(d, "package.json"), "w"), indent=2)
rnd = random.Random(42)
per = max(1, total // files)
for i in range(files // 2):
    sub = os.path.join(d, "Runtime", "Folder%02d" % (i % 20))
    os.makedirs(sub, exist_ok=True)
    p = os.path.join(sub, "Asset%04d.cs" % i)
    # half text (compressible), half binary-like (as textures are)
    data = (("// line %d\n" % i) * (per // 12 + 1))[:per].encode() if i % 2 == 0 else rnd.randbytes(per)
    open(p, "wb").write(data)
    open(p + ".meta", "w").write("fileFormatVersion: 2\nguid: %032x\n" % rnd.getrandbits(128))
PY
}

ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }   # bash 5: no process spawned inside the timing
# timed LABEL CMD...: runs CMD under GNU time, appends "label wall_ms rss_kb" to $WORK/results
timed() {
  local label="$1"; shift
  local t0 t1
  t0=$(ms)
  /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || { echo "FAILED: $label"; cat "$WORK/last.err" "$WORK/last.out"; exit 1; }
  t1=$(ms)
  echo "$label $((t1 - t0)) $(tail -1 "$WORK/rss")" >> "$WORK/results"
}
npm_sequence() { # DIR NAME
  npm view "$2" versions --json >/dev/null 2>&1 || true
  npm view "$2" dist-tags --json >/dev/null 2>&1 || true
  (cd "$1" && npm publish --ignore-scripts >/dev/null)
  npm view "$2@1.0.0" dist.integrity >/dev/null
}
export -f npm_sequence

bench_size() { # LABEL FILES BYTES
  local label="$1" files="$2" bytes="$3"
  for r in $(seq 1 "$RUNS"); do
    local repo="$WORK/$label-upm-$r" name="com.bench.$label.upm$r"
    makepkg "$repo/Packages/$name" "$name" "$files" "$bytes"
    git -C "$repo" init -q -b main && git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@x commit -qm init
    timed "publish-$label-upm" "$HERE/bin/upm" publish -C "$repo" --changelog off --no-commit --audit-dir "$WORK/audit"
    local npmdir="$WORK/$label-npm-$r" nname="com.bench.$label.npm$r"
    makepkg "$npmdir" "$nname" "$files" "$bytes"
    timed "publish-$label-npm" bash -c "npm_sequence '$npmdir' '$nname'"
    makepkg "$WORK/$label-bare-$r" "com.bench.$label.bare$r" "$files" "$bytes"
    timed "barepublish-$label-npm" bash -c "cd '$WORK/$label-bare-$r' && npm publish --ignore-scripts >/dev/null"
    timed "pack-$label-upm" "$HERE/bin/upm" pack "$repo/Packages/$name" --out "$WORK/u.tgz"
    timed "pack-$label-npm" bash -c "cd '$WORK' && npm pack '$npmdir' >/dev/null"
  done
}

# bin/upm's first successful publish writes the class-data-sharing archive of the classes it loads; do that once,
# untimed, with a real publish of a small package, so every timed run maps it
rm -f "$HERE/cli/target/upm.jsa"
makepkg "$WORK/train/Packages/com.bench.train" com.bench.train 20 20000
git -C "$WORK/train" init -q -b main && git -C "$WORK/train" add -A && git -C "$WORK/train" -c user.name=b -c user.email=b@x commit -qm init
"$HERE/bin/upm" publish -C "$WORK/train" --changelog off --no-commit --audit-dir "$WORK/audit" >/dev/null 2>&1
[[ -f "$HERE/cli/target/upm.jsa" ]] || echo "warning: no class-data-sharing archive was written" >&2

bench_size typical 200 $((2 * 1024 * 1024))
# the engine in-process with a warm JVM (how the Jenkins agent runs it), typical package
t0=$(ms)
WARM_MS=$(java -XX:+UseSerialGC -cp "$HERE/cli/target/upm.jar" "$HERE/bench/publish/InProcess.java" "$WORK" 200 $((2 * 1024 * 1024)) "$RUNS" | tail -1)
echo "publish-typical-upm(in-process,warm) $WARM_MS 0" >> "$WORK/results"
bench_size large 2000 $((50 * 1024 * 1024))
if [[ "${BENCH_HUGE:-0}" == 1 ]]; then
  repo="$WORK/huge"; name="com.bench.huge"
  makepkg "$repo/Packages/$name" "$name" 400 $((500 * 1024 * 1024))
  git -C "$repo" init -q -b main && git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@x commit -qm init
  UPM_JAVA_OPTS="-Xmx128m" timed "publish-huge-upm(-Xmx128m)" "$HERE/bin/upm" publish -C "$repo" --changelog off --no-commit --audit-dir "$WORK/audit"
  makepkg "$WORK/huge-npm" com.bench.huge.npm 400 $((500 * 1024 * 1024))
  timed "publish-huge-npm" bash -c "npm_sequence '$WORK/huge-npm' com.bench.huge.npm"
fi

python3 - "$WORK/results" "$RUNS" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    label, ms, rss = line.split()
    rows.setdefault(label, []).append((int(ms), int(rss)))
print("\n%-28s %10s %12s" % ("measurement (median of %s)" % sys.argv[2], "wall ms", "peak RSS MB"))
med = {}
for label, v in rows.items():
    m = statistics.median(x[0] for x in v); r = max(x[1] for x in v) / 1024
    med[label] = (m, r)
    print("%-28s %10d %12.0f" % (label, m, r))
print("\nratios (npm / upm; > 1 means upm is faster or smaller)")
for label in med:
    if label.endswith("-upm"):
        other = label[:-4] + "-npm"
        if other in med:
            print("  %-22s time x%.2f   memory x%.2f" % (label[:-4], med[other][0] / med[label][0], med[other][1] / med[label][1]))
for size in ("typical", "large"):
    if "barepublish-%s-npm" % size in med and "publish-%s-upm" % size in med:
        print("  %-22s time x%.2f   (whole upm job vs a bare npm publish)" % ("publish-" + size + " bare", med["barepublish-%s-npm" % size][0] / med["publish-%s-upm" % size][0]))
warm = [l for l in med if "in-process" in l]
if warm and "publish-typical-npm" in med:
    print("  %-22s time x%.2f   (engine in a warm JVM vs the npm CLI sequence)" % ("publish-typical warm", med["publish-typical-npm"][0] / med[warm[0]][0]))
PY
