#!/usr/bin/env bash
# Install the Retold bundle for the current user, with its menu entry, file types and icons.
#
# Usage: install.sh [BUNDLE_DIR]   (default: ./retold in a release archive, else dist/retold)
#
#   bundle     -> ${RETOLD_INSTALL_DIR:-~/.local/opt/retold}
#   launcher   -> ~/.local/bin/retold (a symlink)
#   menu entry, metainfo, MIME type, hicolor icons -> ${XDG_DATA_HOME:-~/.local/share}
#
# Every file and folder it creates is listed in the manifest INSTALLED_FILES inside the bundle
# folder as it goes; uninstall.sh removes exactly those. Running it again replaces the earlier
# install; an install that fails halfway removes what it had put in place.
set -Eeuo pipefail

APP_ID=io.github.retold.Retold
HERE=$(cd "$(dirname "$0")" && pwd)
default=$HERE/../../dist/retold  # a local build; a release archive has retold/ beside this
[ -d "$HERE/retold" ] && default=$HERE/retold
BUNDLE=$(cd "${1:-$default}" 2>/dev/null && pwd) || {
  echo "install.sh: no bundle at ${1:-$default}; build it with packaging/build.sh" >&2
  exit 1
}
[ -x "$BUNDLE/retold" ] || { echo "install.sh: $BUNDLE/retold is not an executable" >&2; exit 1; }

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=${RETOLD_INSTALL_DIR:-$HOME/.local/opt/retold}
BIN=$HOME/.local/bin
MANIFEST=$OPT/INSTALLED_FILES

if [ -f "$MANIFEST" ]; then  # replace an earlier install cleanly
  "$HERE/uninstall.sh" --quiet
fi
if [ -e "$OPT" ]; then
  echo "install.sh: $OPT exists and was not installed by this script; remove it first" >&2
  exit 1
fi
if [ -e "$BIN/retold" ] || [ -L "$BIN/retold" ]; then
  echo "install.sh: $BIN/retold already exists; remove it first" >&2
  exit 1
fi

entries=()  # manifest lines: "dir PATH", "tree PATH" or "file PATH"

record() {  # the manifest is rewritten at every step once the bundle folder (its home) exists
  entries+=("$1")
  if [ -d "$OPT" ]; then printf '%s\n' "${entries[@]}" >"$MANIFEST"; fi
}

undo() {  # a step failed: take back the steps before it
  trap - ERR
  echo "install.sh: the install failed; removing what it had installed" >&2
  if [ -f "$MANIFEST" ]; then
    RETOLD_INSTALL_DIR=$OPT XDG_DATA_HOME=$DATA "$HERE/uninstall.sh" --quiet || true
  fi
}
trap undo ERR

make_dir() {  # mkdir -p that records each folder it creates, parents first
  local missing=() dir=$1
  while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
  for dir in "${missing[@]}"; do mkdir "$dir" && record "dir $dir"; done
}

put() {  # put SOURCE DEST [MODE]
  make_dir "$(dirname "$2")"
  install -m "${3:-644}" "$1" "$2"
  record "file $2"
}

# The bundle folder first (it holds the manifest), recorded as one tree; then the bundle in it.
make_dir "$(dirname "$OPT")"
mkdir "$OPT"
record "tree $OPT"
cp -a "$BUNDLE/." "$OPT/"
install -m 755 "$HERE/uninstall.sh" "$OPT/uninstall.sh"

make_dir "$BIN"
ln -s "$OPT/retold" "$BIN/retold"
record "file $BIN/retold"

# The menu entry runs the launcher by its full path: ~/.local/bin is often not on a desktop
# session's PATH.
desktop_tmp=$(mktemp)
trap 'rm -f "$desktop_tmp"' EXIT
sed -e "s|^Exec=retold |Exec=\"$BIN/retold\" |" -e "s|^TryExec=retold\$|TryExec=$BIN/retold|" \
  "$HERE/$APP_ID.desktop" >"$desktop_tmp"
put "$desktop_tmp" "$DATA/applications/$APP_ID.desktop"
put "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
put "$HERE/$APP_ID-mime.xml" "$DATA/mime/packages/$APP_ID-mime.xml"

# Icons: from the bundle's resources, or from the checkout when installing a local build.
ICONS=$BUNDLE/_internal/retold/data/icons
[ -d "$ICONS" ] || ICONS=$HERE/../../desktop/retold/data/icons
for png in "$ICONS"/retold-*.png; do
  size=${png##*/retold-}; size=${size%.png}
  put "$png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
put "$ICONS/retold.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
trap - ERR  # installed: the cache refreshes below are optional

# Refresh the caches the desktop reads; each tool is optional.
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$DATA/applications" || true
fi
if command -v update-mime-database >/dev/null; then
  update-mime-database "$DATA/mime" >/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null && [ -f "$DATA/icons/hicolor/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
fi

echo "Retold is installed in $OPT; start it from the menu or with $BIN/retold."
case ":$PATH:" in *":$BIN:"*) ;; *) echo "Note: $BIN is not on your PATH." ;; esac
