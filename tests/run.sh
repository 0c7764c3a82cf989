#!/usr/bin/env bash
# Install the build dependencies, build mpp with its tests, and run them all with ctest.
# Usage: bash tests/run.sh [extra ctest arguments]   (from anywhere in the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPP_WERROR=ON
cmake --build build -j2
cd build
exec ctest --output-on-failure -j2 "$@"
