#!/usr/bin/env bash
# make run: the nightly run against the local emulators. Starts `posbridge-emulator both` on
# loopback (Business Central and Lightspeed, seeded from fixtures/ when their state is new), runs
# the products then the stock pipeline (`posbridge run`), prints each run's summary with its run
# folder and archive, and stops the emulators. The emulators' state, posbridge's
# state, runs/ and archive/ are kept in the demo folder, so a second run finds everything applied
# and reports zero creates and updates; `make reset-demo` (or removing the folder) starts over.
#
# Exit status, as `posbridge run`'s: 0 all applied, 3 finished with rejected records or warnings
# (the fixtures hold some on purpose: see README.md, "What make run does"), 1 or other when a step failed.
#
# Usage: run-demo.sh PATH_TO_POSBRIDGE. The demo folder is $POSBRIDGE_DEMO_DIR (default: .demo in the repository).
set -euo pipefail
bin=${1:?usage: run-demo.sh PATH_TO_POSBRIDGE}
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
emulator="$(dirname "$bin")/posbridge-emulator"
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="${POSBRIDGE_DEMO_DIR:-$root/.demo}"
mkdir -p "$demo"
demo="$(cd "$demo" && pwd)"

urls=$(mktemp)
emulator_pid=""
stop_emulators() {
  if [[ -n "$emulator_pid" ]]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}
trap 'stop_emulators; rm -f "$urls"' EXIT

# The refresh token rotates on use. The emulator keeps its tokens in memory only, so each start
# accepts just its initial refresh token again: the file starts from it every time.
printf 'posbridge-emulator-refresh\n' > "$demo/lightspeed.token"
chmod 600 "$demo/lightspeed.token"

# A fast drip (50 drips a second) keeps the demo short; the client still paces itself by the
# bucket the emulator reports, as it would against Lightspeed.
"$emulator" both --port-bc 0 --state-bc "$demo/bc.sqlite" --seed-bc "$root/fixtures/bc" \
  --port-lightspeed 0 --state "$demo/lightspeed.sqlite" --seed "$root/fixtures/lightspeed" --drip-rate 50 > "$urls" &
emulator_pid=$!
for _ in $(seq 600); do
  (($(wc -l < "$urls") >= 2)) && break
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" || true
    emulator_pid=""
    echo "run-demo: the emulators stopped before they listened (see above)" >&2
    exit 1
  fi
  sleep 0.1
done
if (($(wc -l < "$urls") < 2)); then
  echo "run-demo: the emulators did not print their URLs within 60 seconds" >&2
  exit 1
fi
bc_url=$(awk '$1 == "bc" { print $2 }' "$urls")
ls_url=$(awk '$1 == "lightspeed" { print $2 }' "$urls")

# The connections the shipped pipelines name (bc, lightspeed), pointed at the emulators. The
# client secret is the emulators' made-up one, read through { env: … } as a real one would be.
cat > "$demo/posbridge.yaml" <<YAML
connections:
  bc:
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
  lightspeed:
    system: lightspeed
    baseURL: $ls_url
    tokenURL: $ls_url/auth/oauth/token
    clientId: posbridge-emulator-client
    clientSecret: { env: POSBRIDGE_DEMO_SECRET }
    refreshTokenFile: $demo/lightspeed.token
    currency: CHF
YAML
export POSBRIDGE_DEMO_SECRET=posbridge-emulator-secret

cd "$root"
status=0
"$bin" run products stock --config "$demo/posbridge.yaml" --home "$demo" || status=$?
stop_emulators
case $status in
  0) echo "run-demo: all applied" ;;
  3) echo "run-demo: finished with rejected records or warnings (exit status 3), listed in the rejects and warnings files above" ;;
  *) echo "run-demo: posbridge run failed with exit status $status" >&2 ;;
esac
exit "$status"
