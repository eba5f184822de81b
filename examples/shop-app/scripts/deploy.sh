#!/usr/bin/env bash
# Build and push the image; the shipgate promotion workflow deploys it.
set -euo pipefail
flyctl deploy --build-only --push --image-label "$(git rev-parse HEAD)"
