#!/bin/bash
# Re-renders build/icons/NxN.png from build/icon.svg; the PNGs are committed because
# electron-builder needs them and build machines need not have librsvg.
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
