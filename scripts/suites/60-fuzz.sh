#!/usr/bin/env bash
# Suite: mutation fuzzing of every input function (scripts/fuzz.sh) — at least 100,000 inputs
# (FUZZ_INPUTS), no crash, no XX error, every accepted value round-trips through text and binary.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/fuzz.sh --here
