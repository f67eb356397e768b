#!/usr/bin/env bash
# All tests: the Maven build (unit, topology, schema-compatibility gate, integration tests against in-process
# brokers), then exactly-once under faults on a broker process of its own (scripts/faults.sh, CI profile).
set -euo pipefail
ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
mvn -B -ntp verify
scripts/faults.sh
