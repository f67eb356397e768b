#!/usr/bin/env bash
# All tests: docker-compose.yml's validation (scripts/validate-compose.sh, which installs Debian's docker-compose when
# no compose client is present, and fails on an invalid file), Debian's chromium for the browser tests
# (scripts/install-chromium.sh), the Maven build (unit, topology, schema-compatibility
# gate, integration tests against in-process brokers), then exactly-once under faults on a broker process of its own
# (scripts/faults.sh, CI profile).
set -euo pipefail
ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
scripts/validate-compose.sh
scripts/install-chromium.sh
mvn -B -ntp verify
scripts/faults.sh
