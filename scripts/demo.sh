#!/usr/bin/env bash
# The embedded default (until the pipelines exist): canonicalize the two product fixtures, diff
# them, export both systems from the local emulators, write a run folder, archive it as a BagIt bag,
# verify the archive and print where it all is.
#
# Exit status, as posbridge's own: 0 when every record was read, 3 when the run finished but some
# records were rejected (run.json's outcome is then "finished with rejects" and the rejects files are
# printed), anything else when a step failed (its error is on stderr).
#
# Usage: demo.sh PATH_TO_POSBRIDGE. runs/ and archive/ are written under $POSBRIDGE_DEMO_OUT (default:
# the repository).
set -euo pipefail
bin=${1:?usage: demo.sh PATH_TO_POSBRIDGE}
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
emulator="$(dirname "$bin")/posbridge-emulator"
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/fixtures"
mkdir -p "${POSBRIDGE_DEMO_OUT:-$root}"
cd "${POSBRIDGE_DEMO_OUT:-$root}"

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
run_id="$(date -u +%Y%m%dT%H%M%SZ)-demo-products"
# Two runs in the same second would share a folder: wait for the next second instead.
while [[ -e "runs/$run_id" ]]; do
  sleep 1
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  run_id="$(date -u +%Y%m%dT%H%M%SZ)-demo-products"
done
run="runs/$run_id"
mkdir -p "$run/extract/file" "$run/snapshots" "$run/diff/products"

state=$(mktemp -d)
emulator_pid=""
trap '[[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null; rm -rf "$state"' EXIT
# Every step that rejected records adds "step<TAB>rejects file<TAB>count" here.
rejected="$state/rejected.tsv"
: > "$rejected"

# Runs a posbridge step that may finish with rejects: exit 0 and 3 go on, anything else stops the
# demo with that status (posbridge has printed its error). The status is left in $step_status.
step() {  # label command…
  local label=$1
  shift
  step_status=0
  "$@" || step_status=$?
  if ((step_status != 0 && step_status != 3)); then
    echo "demo: $label failed with exit status $step_status" >&2
    exit "$step_status"
  fi
}

# extract: the raw inputs exactly as received
cp "$fixtures/products/products-before.jsonl" "$fixtures/products/products-after.jsonl" "$run/extract/file/"

# normalize: canonical snapshots (bcId is a Business Central reference: carried in ref, never compared)
for night in before after; do
  step "snapshot canonicalize products-$night" "$bin" snapshot canonicalize "$run/extract/file/products-$night.jsonl" "$run/snapshots/$night.products.ndjson" \
    --key sku --ref bcId --entity products --system bc --rejects "$run/rejects.$night.ndjson" >/dev/null
  if ((step_status == 3)); then
    printf 'snapshot canonicalize products-%s\t%s\t%s\n' "$night" "$run/rejects.$night.ndjson" \
      "$(wc -l < "$run/rejects.$night.ndjson" | tr -d ' ')" >> "$rejected"
  fi
done
"$bin" snapshot validate "$run/snapshots/before.products.ndjson" "$run/snapshots/after.products.ndjson" >/dev/null

# diff
"$bin" diff "$run/snapshots/before.products.ndjson" "$run/snapshots/after.products.ndjson" \
  --out "$run/diff/products" --json > "$state/diff.json"
counts=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(json.dumps(c, sort_keys=True, separators=(",", ":")))' \
  "$state/diff.json")

# extract from both systems: the emulators on loopback, seeded from fixtures/bc and fixtures/lightspeed.
# The URL file exists before the emulators start, and is read only once it holds both lines.
: > "$state/urls"
"$emulator" both --port-bc 0 --state-bc "$state/bc.sqlite" --seed-bc "$fixtures/bc" \
  --port-lightspeed 0 --state "$state/ls.sqlite" --seed "$fixtures/lightspeed" > "$state/urls" &
emulator_pid=$!
for _ in $(seq 600); do
  (($(wc -l < "$state/urls") >= 2)) && break
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" || true
    echo "demo: the emulators stopped before they listened (see above)" >&2
    exit 1
  fi
  sleep 0.1
done
if (($(wc -l < "$state/urls") < 2)); then
  echo "demo: the emulators did not print their URLs within 60 seconds" >&2
  exit 1
fi
bc_url=$(awk '$1 == "bc" { print $2 }' "$state/urls")
ls_url=$(awk '$1 == "lightspeed" { print $2 }' "$state/urls")
# The Lightspeed refresh token rotates on use; it lives beside the emulator's state, never in the run folder.
printf 'posbridge-emulator-refresh\n' > "$state/lightspeed.token"
chmod 600 "$state/lightspeed.token"
cat > "$run/posbridge.yaml" <<YAML
connections:
  bc-emulator:
    system: bc
    kind: online
    tenant: demo-tenant
    environment: production
    baseURL: $bc_url/v2.0
    tokenURL: $bc_url/demo-tenant/oauth2/v2.0/token
    company: { name: CRONUS Outdoor AG }
    auth: { clientId: posbridge-emulator-client, clientSecret: { env: POSBRIDGE_DEMO_SECRET } }
    stockSource: companion
    companionAPI: { installed: true }
  lightspeed-emulator:
    system: lightspeed
    baseURL: $ls_url
    tokenURL: $ls_url/auth/oauth/token
    clientId: posbridge-emulator-client
    clientSecret: { env: POSBRIDGE_DEMO_SECRET }
    refreshTokenFile: $state/lightspeed.token
YAML
# Exports entities of one system; sets $export_counts to "products 432, customers 50, …", with the
# rejected ones counted and listed in $rejected.
export_all() {  # system connection entities…
  local system=$1 connection=$2 entity summary
  shift 2
  export_counts=""
  for entity in "$@"; do
    step "export $system $entity" "$bin" export "$system" "$entity" --config "$run/posbridge.yaml" \
      --connection "$connection" --out "$run" --json > "$state/export.json"
    # "<records> <rejected> <rejects file>"
    summary=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["records"], r["rejected"], r["rejects"] or "-")' \
      "$state/export.json")
    read -r records rejects file <<< "$summary"
    export_counts+="$entity $records"
    if ((step_status == 3)); then
      export_counts+=" ($rejects rejected)"
      printf 'export %s %s\t%s\t%s\n' "$system" "$entity" "$file" "$rejects" >> "$rejected"
    fi
    export_counts+=", "
  done
  export_counts=${export_counts%, }
}
# The emulators' client secret (a made-up one, not a credential), read through { env: … } as a real one would be.
export POSBRIDGE_DEMO_SECRET=posbridge-emulator-secret
export_all bc bc-emulator products customers stock orders order-status
bc_counts=$export_counts
export_all lightspeed lightspeed-emulator products customers stock orders
ls_counts=$export_counts
kill "$emulator_pid"
wait "$emulator_pid" 2>/dev/null || true
emulator_pid=""

# reconcile: Business Central's products against Lightspeed's (BC is the source for products)
"$bin" diff "$run/snapshots/lightspeed.products.ndjson" "$run/snapshots/bc.products.ndjson" \
  --out "$run/diff/bc-to-lightspeed.products" --json > "$state/reconcile.json"
reconcile=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("only in BC %(create)d, differing %(update)d, only in Lightspeed %(missing)d, equal %(unchanged)d (before mapping)" % c)' "$state/reconcile.json")

status=0
outcome="succeeded"
if [[ -s "$rejected" ]]; then
  status=3
  outcome="finished with rejects"
fi
python3 - "$run" "$rejected" "$counts" "$outcome" "$("$bin" --version)" "$run_id" "$started" > "$run/run.json" <<'PY'
import json, os, sys
run, rejected, counts, outcome, version, run_id, started = sys.argv[1:]
from datetime import datetime, timezone
rejects = []
for line in open(rejected, encoding="utf-8"):
    step, path, records = line.rstrip("\n").split("\t")
    rejects.append({"step": step, "file": os.path.relpath(path, run), "records": int(records)})
print(json.dumps({
    "counts": {"products": json.loads(counts)},
    "finishedAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "outcome": outcome,
    "pipeline": "demo-products",
    "posbridgeVersion": version,
    "rejects": rejects,
    "runId": run_id,
    "startedAt": started,
}, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
PY

# archive and verify
archive="archive/$(date -u +%Y/%m)/$run_id.tar.zst"
"$bin" archive create "$run" --out "$archive" >/dev/null
"$bin" archive verify "$archive" >/dev/null

echo "posbridge demo: products, night 1 → night 2"
python3 -c 'import json,sys; c=json.loads(sys.argv[1]); print("  created %(create)d, updated %(update)d, missing %(missing)d, unchanged %(unchanged)d" % c)' "$counts"
echo "  Business Central (emulator): $bc_counts"
echo "  Lightspeed (emulator):       $ls_counts"
echo "  products BC → Lightspeed:    $reconcile"
echo "  run folder: $run"
echo "  diff:       $run/diff/products/diff.ndjson"
echo "  archive:    $archive (verified)"
if ((status == 3)); then
  # Each rejects file with its reasons, counted; the fixtures' deliberate duplicates are explained.
  python3 - "$rejected" <<'PY'
import json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    step, path, records = line.rstrip("\n").split("\t")
    print("  rejects:    %s (%s records, from %s)" % (path, records, step))
    reasons = {}
    duplicates = []
    for raw in open(path, encoding="utf-8"):
        reject = json.loads(raw)
        reason = ("%s %s" % (reject.get("field") or "", reject.get("reason") or "")).strip()
        general = re.sub(r"\d+", "N", reason)
        reasons[general] = reasons.get(general, 0) + 1
        if "is also the e-mail of customer" in reason:
            duplicates.append(reject)
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print("              %d × %s" % (count, reason))
    if step == "export lightspeed customers" and duplicates and len(duplicates) == int(records):
        print("              why: customers are keyed by their e-mail address, and the Lightspeed fixtures hold")
        print("              customers sharing one: on purpose, 12 and 41 repeat the addresses of 5 and 40 in other")
        print("              case (fixtures/lightspeed/README.md); the others are companies of the same firm, which")
        print("              the fixture generator gives the firm's one info@ address. posbridge keeps the first")
        print("              customer of each address and rejects the rest, as it should.")
PY
  echo "  outcome:    finished with rejects (exit status 3)"
else
  echo "  outcome:    succeeded"
fi
exit "$status"
