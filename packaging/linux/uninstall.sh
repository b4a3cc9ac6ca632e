#!/usr/bin/env bash
# Remove what install.sh installed for the current user, as listed in its manifest.
#
# Usage: uninstall.sh [--quiet]    (also copied into the installed bundle folder)
# Folders install.sh created are removed when nothing else is left in them; caches that the
# desktop tools generated there (mimeinfo.cache, the MIME database) go with them.
set -euo pipefail

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=${RETOLD_INSTALL_DIR:-$HOME/.local/opt/retold}
MANIFEST=$OPT/INSTALLED_FILES
quiet=${1:-}

if [ ! -f "$MANIFEST" ]; then
  echo "uninstall.sh: Retold is not installed in $OPT (no $MANIFEST)" >&2
  exit 1
fi
mapfile -t entries <"$MANIFEST"  # read before the bundle folder (which holds it) goes

dirs=()
for entry in "${entries[@]}"; do
  kind=${entry%% *}
  path=${entry#* }
  case $kind in
    file) rm -f -- "$path" ;;
    tree) rm -rf -- "$path" ;;
    dir) dirs=("$path" "${dirs[@]}") ;;  # children were recorded after parents: reverse
    *) echo "uninstall.sh: skipping unknown manifest line: $entry" >&2 ;;
  esac
done

if [ -d "$DATA/applications" ] && command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$DATA/applications" || true
fi
if [ -d "$DATA/mime/packages" ] && command -v update-mime-database >/dev/null; then
  update-mime-database "$DATA/mime" >/dev/null || true
fi

for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  if [ "$dir" = "$DATA/mime" ] && [ ! -d "$dir/packages" ]; then
    rm -rf -- "$dir"  # no package sources left: everything here was generated from ours
    continue
  fi
  for cache in mimeinfo.cache icon-theme.cache; do
    if [ "$(ls -A "$dir")" = "$cache" ]; then rm -f -- "$dir/$cache"; fi
  done
  rmdir --ignore-fail-on-non-empty -- "$dir"
done

[ "$quiet" = --quiet ] || echo "Retold has been removed."
