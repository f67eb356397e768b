#!/usr/bin/env bash
# Validates docker-compose.yml without needing a running Docker engine.
#
# Usage: scripts/validate-compose.sh [path/to/docker-compose.yml]
#
# Uses the first validator found, in this order:
#   1. docker compose   (Compose v2 CLI plugin)
#   2. docker-compose   (standalone binary; v1 from Debian's `docker-compose` package, or v2)
#   3. dclint           (npm package `dclint`, schema check against the Compose spec; errors only)
# Exit codes: 0 = valid (or no validator found: warning only, so CI does not break),
#             1 = the file is invalid, 2 = the file does not exist.
# Set VALIDATE_COMPOSE_REQUIRE=1 to make "no validator found" an error (exit 3).
set -u

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="${1:-$ROOT/docker-compose.yml}"

if [[ ! -f "$FILE" ]]; then
  echo "validate-compose: ERROR: $FILE not found" >&2
  exit 2
fi
FILE="$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")"
# Relative paths in the file (build contexts, .env) resolve against the file's directory.
cd "$(dirname "$FILE")" || exit 2

run_validator() {
  local label="$1"; shift
  echo "validate-compose: using $label"
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  [[ -n "$out" ]] && printf '%s\n' "$out"
  if [[ $rc -eq 0 ]]; then
    echo "validate-compose: OK: $FILE is valid ($label)"
    exit 0
  fi
  echo "validate-compose: INVALID: $FILE failed validation with $label (exit $rc)" >&2
  exit 1
}

# 1. Compose v2 plugin. `docker compose config` parses and resolves the file locally; no daemon needed.
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  run_validator "docker compose ($(docker compose version --short 2>/dev/null || echo v2))" \
    docker compose -f "$FILE" config -q
fi

# 2. Standalone docker-compose (v1.29 from Debian, or a v2 standalone binary).
if command -v docker-compose >/dev/null 2>&1; then
  ver="$(docker-compose version --short 2>/dev/null || docker-compose --version 2>/dev/null | head -n1)"
  run_validator "docker-compose (${ver:-unknown version})" \
    docker-compose -f "$FILE" config -q
fi

# 3. dclint (npm): on PATH or in a local node_modules.
DCLINT=""
if command -v dclint >/dev/null 2>&1; then
  DCLINT="$(command -v dclint)"
elif [[ -x "$ROOT/node_modules/.bin/dclint" ]]; then
  DCLINT="$ROOT/node_modules/.bin/dclint"
fi
if [[ -n "$DCLINT" ]]; then
  run_validator "dclint $("$DCLINT" --version 2>/dev/null) (Compose-spec schema check, errors only)" \
    "$DCLINT" --quiet --no-color "$FILE"
fi

msg="no compose client found: install one of: the Docker Compose v2 plugin (docker-compose-plugin from Docker's apt repo, or Docker Desktop), Debian's 'apt-get install -y docker-compose' (v1.29), or 'npm install -g dclint'"
if [[ "${VALIDATE_COMPOSE_REQUIRE:-0}" == "1" ]]; then
  echo "validate-compose: ERROR: $msg" >&2
  exit 3
fi
echo "validate-compose: WARNING: $msg; $FILE was NOT validated" >&2
exit 0
