#!/usr/bin/env bash
# Build the bundle, then check that it works on this machine without a display:
#   dist/retold/retold --self-test       (window offscreen, sample compared, reports exported)
#   dist/retold/retold compare ...       (the command line, no Qt)
#   dist/retold/retold --screenshot ...  (timed: start to first painted comparison)
# Usage: packaging/smoke.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds_since() {  # seconds_since START LABEL
  awk -v s="$1" -v e="$EPOCHREALTIME" -v l="$2" 'BEGIN { printf "%s: %.2f s\n", l, e - s }'
}

if [ "${1:-}" != --no-build ]; then
  start=$EPOCHREALTIME
  packaging/build.sh
  seconds_since "$start" "build time"
fi
APP=dist/retold/retold
[ -x "$APP" ] || { echo "smoke.sh: $APP is missing; run without --no-build" >&2; exit 1; }
echo "bundle size: $(du -sh dist/retold | cut -f1)"

export QT_QPA_PLATFORM=offscreen
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Keep the bundle away from the user's settings and logs.
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data
export XDG_STATE_HOME=$scratch/state XDG_CACHE_HOME=$scratch/cache

"$APP" --version
"$APP" --self-test  # opens the sample from the bundle's package data (importlib.resources)

"$APP" compare desktop/retold/data/sample/original.txt desktop/retold/data/sample/rewrite.txt -o "$scratch/r.json"
[ -s "$scratch/r.json" ] || { echo "smoke.sh: compare wrote no report" >&2; exit 1; }
"$APP" compare --semantic desktop/retold/data/sample/original.txt desktop/retold/data/sample/rewrite.txt -f text >/dev/null  # the sentence model, bundled
printf '<html><body><nav>Menu</nav><article><p>%s</p></article></body></html>' \
  "$(head -c 2000 desktop/retold/data/sample/original.txt | tr -d '<>')" >"$scratch/page.html"
"$APP" compare "$scratch/page.html" desktop/retold/data/sample/rewrite.txt -f text >/dev/null  # trafilatura data

start=$EPOCHREALTIME
"$APP" --screenshot "$scratch/shot.png"
seconds_since "$start" "start to first painted comparison (--screenshot, until exit)"
[ -s "$scratch/shot.png" ] || { echo "smoke.sh: no screenshot was written" >&2; exit 1; }
[ -z "${SMOKE_SCREENSHOT:-}" ] || cp "$scratch/shot.png" "$SMOKE_SCREENSHOT"
echo "smoke test passed"
