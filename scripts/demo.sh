#!/usr/bin/env bash
# The embedded default (until the pipelines exist): canonicalize the two product fixtures, diff
# them, export the Business Central side from the local emulator, write a run folder, archive it as
# a BagIt bag, verify the archive and print where it all is.
set -euo pipefail
bin=${1:?usage: demo.sh PATH_TO_POSBRIDGE}
emulator="$(dirname "$bin")/posbridge-emulator"
cd "$(dirname "$0")/.."

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
run_id="$(date -u +%Y%m%dT%H%M%SZ)-demo-products"
run="runs/$run_id"
mkdir -p "$run/extract/file" "$run/snapshots" "$run/diff/products"

# extract: the raw inputs exactly as received
cp fixtures/products/products-before.jsonl fixtures/products/products-after.jsonl "$run/extract/file/"

# normalize: canonical snapshots (bcId is a Business Central reference: carried in ref, never compared)
status=0
for night in before after; do
  "$bin" snapshot canonicalize "$run/extract/file/products-$night.jsonl" "$run/snapshots/$night.products.ndjson" \
    --key sku --ref bcId --entity products --system bc --rejects "$run/rejects.$night.ndjson" >/dev/null || status=$?
  if ((status != 0 && status != 3)); then exit "$status"; fi
done
"$bin" snapshot validate "$run/snapshots/before.products.ndjson" "$run/snapshots/after.products.ndjson" >/dev/null

# diff
"$bin" diff "$run/snapshots/before.products.ndjson" "$run/snapshots/after.products.ndjson" \
  --out "$run/diff/products" --json > "$run/diff/products/result.json"
counts=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(json.dumps(c, sort_keys=True, separators=(",", ":")))' \
  "$run/diff/products/result.json")
rm "$run/diff/products/result.json"

# extract from both systems: the emulators on loopback, seeded from fixtures/bc and fixtures/lightspeed
state=$(mktemp -d)
trap 'kill "$emulator_pid" 2>/dev/null || true; rm -rf "$state"' EXIT
"$emulator" both --port-bc 0 --state-bc "$state/bc.sqlite" --seed-bc fixtures/bc \
  --port-lightspeed 0 --state "$state/ls.sqlite" --seed fixtures/lightspeed > "$state/urls" &
emulator_pid=$!
for _ in $(seq 100); do [[ $(wc -l < "$state/urls") -ge 2 ]] && break; sleep 0.1; done
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
export_counts() {  # system connection entities…
  local system=$1 connection=$2 counts="" entity records
  shift 2
  for entity in "$@"; do
    records=$(POSBRIDGE_DEMO_SECRET=posbridge-emulator-secret "$bin" export "$system" "$entity" --config "$run/posbridge.yaml" \
      --connection "$connection" --out "$run" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])') || true
    counts+="$entity $records, "
  done
  echo "${counts%, }"
}
bc_counts=$(export_counts bc bc-emulator products customers stock orders order-status)
ls_counts=$(export_counts lightspeed lightspeed-emulator products customers stock orders)
kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true

# reconcile: Business Central's products against Lightspeed's (BC is the source for products)
"$bin" diff "$run/snapshots/lightspeed.products.ndjson" "$run/snapshots/bc.products.ndjson" \
  --out "$run/diff/bc-to-lightspeed.products" --json > "$state/reconcile.json"
reconcile=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("only in BC %(create)d, differing %(update)d, only in Lightspeed %(missing)d, equal %(unchanged)d (before mapping)" % c)' "$state/reconcile.json")

outcome="succeeded"
((status == 3)) && outcome="finished-with-rejects"
printf '{"counts":{"products":%s},"finishedAt":"%s","outcome":"%s","pipeline":"demo-products","posbridgeVersion":"%s","runId":"%s","startedAt":"%s"}\n' \
  "$counts" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$outcome" "$("$bin" --version)" "$run_id" "$started" > "$run/run.json"

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
