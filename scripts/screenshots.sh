#!/bin/sh
# Regenerates screenshots/*.svg: runs the real binary in a pseudo-terminal on a copy of
# the bundled workspace, types keys, and writes what the screen shows as SVG.
set -eu
cd "$(dirname "$0")/.."
cargo test --test tui_screenshots -- --ignored
ls -l screenshots/*.svg
