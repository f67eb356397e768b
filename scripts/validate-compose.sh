#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (none runs on our machines or in CI). scripts/test.sh runs it
# before Maven.
#
# Usage: scripts/validate-compose.sh [path/to/docker-compose.yml]    (default: the repository's docker-compose.yml)
#
# 1. A compose client: `docker compose` (v2 plugin) or `docker-compose` (v1 or v2). When neither is installed, it
#    installs Debian's `docker-compose` package (1.29.2 on bookworm; without its recommended docker.io engine) with
#    apt-get, as root or through `sudo -n`, and runs `apt-get update` only if the install fails without it.
#    VALIDATE_COMPOSE_INSTALL=0 turns the install off (then a missing client is an error).
# 2. `config -q` without a profile, then with each profile the file declares (`--profile <name> config -q`): the
#    file parses, matches the Compose schema (an unknown key is an error) and its variables resolve.
# 3. Checks on the resolved file, every profile enabled (Python 3; for Compose v1's YAML output, with PyYAML, which
#    Debian's docker-compose depends on):
#    - every published port is bound to 127.0.0.1, and no host port is published twice;
#    - every image has an explicit tag, not `latest`;
#    - a service another one waits for with `condition: service_healthy` has a healthcheck;
#    - every build has a .dockerignore in its context and an existing Dockerfile, whose FROM lines all name a tag
#      (not `latest`), whose Maven stages pin Maven's version (maven:X.Y.Z-...), and which copies nothing from a
#      target/ directory of the context (the jar is built in the image).
# What it cannot check without an engine: that the images build and pull, and that the stack starts.
#
# Exit codes: 0 = valid, 1 = invalid, 2 = the file does not exist, 3 = no compose client and none could be installed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="${1:-$ROOT/docker-compose.yml}"

if [[ ! -f "$FILE" ]]; then
  echo "validate-compose: ERROR: $FILE not found" >&2
  exit 2
fi
FILE="$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")"
# Relative paths in the file (build contexts, .env) resolve against the file's directory.
cd "$(dirname "$FILE")" || exit 2
# Only what the file and the command line say: no profiles, files or project name from the caller's environment.
unset COMPOSE_PROFILES COMPOSE_FILE COMPOSE_PATH_SEPARATOR

COMPOSE=()
find_client() {
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    return 1
  fi
}

install_client() {
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "validate-compose: cannot install docker-compose: not root and no password-less sudo" >&2
      return 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "validate-compose: cannot install docker-compose: no apt-get" >&2; return 1; }
  local log
  log="$(mktemp)"
  local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose)
  echo "validate-compose: no compose client found; installing Debian's docker-compose (apt-get install)"
  if ! "${install[@]}" >"$log" 2>&1; then
    echo "validate-compose: the install failed without it; running apt-get update, then installing again"
    if ! { "${sudo[@]}" apt-get update -q && "${install[@]}"; } >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
}

if ! find_client; then
  if [[ "${VALIDATE_COMPOSE_INSTALL:-1}" == "0" ]] || ! install_client || ! find_client; then
    echo "validate-compose: ERROR: no compose client: install Debian's docker-compose (apt-get install -y" \
      "--no-install-recommends docker-compose) or the Docker Compose v2 plugin; $FILE was NOT validated" >&2
    exit 3
  fi
fi

VERSION="$("${COMPOSE[@]}" version --short 2>/dev/null || echo unknown)"
VERSION="${VERSION#v}"
LABEL="${COMPOSE[*]} $VERSION"
echo "validate-compose: using $LABEL"

FAILED=0
fail() {
  echo "validate-compose: INVALID: $*" >&2
  FAILED=1
}

# 2. Schema, syntax and interpolation, per profile.
run_config() { # label, extra args...
  local label="$1"; shift
  local out
  if out="$("${COMPOSE[@]}" -f "$FILE" "$@" config -q 2>&1)"; then
    echo "validate-compose: config -q $label: OK"
    [[ -n "$out" ]] && printf '%s\n' "$out"
    return 0
  fi
  [[ -n "$out" ]] && printf '%s\n' "$out" >&2
  fail "config -q $label failed"
  return 1
}

PROFILES=()
if run_config "(no profile)"; then
  mapfile -t PROFILES < <("${COMPOSE[@]}" -f "$FILE" config --profiles 2>/dev/null)
fi
PROFILE_ARGS=()
for profile in "${PROFILES[@]}"; do
  [[ -n "$profile" ]] || continue
  run_config "--profile $profile" --profile "$profile"
  PROFILE_ARGS+=(--profile "$profile")
done

if [[ $FAILED -ne 0 ]]; then
  echo "validate-compose: INVALID: $FILE ($LABEL)" >&2
  exit 1
fi

# 3. Checks on the resolved file, every profile enabled. The resolved file may hold values from the environment
#    (tokens): it goes through a pipe and is never printed.
read -r -d '' CHECKS <<'PY'
import json, os, re, sys

fmt = sys.argv[1]
text = sys.stdin.read()
if fmt == "json":
    config = json.loads(text)
else:
    import yaml
    config = yaml.safe_load(text)

problems = []
services = config.get("services") or {}

# Ports: 127.0.0.1 only, each host port once.
host_ports = {}
for name, svc in sorted(services.items()):
    for port in svc.get("ports") or []:
        if isinstance(port, dict):
            host_ip = port.get("host_ip") or ""
            published = str(port.get("published") or "")
            target = str(port.get("target"))
            protocol = port.get("protocol") or "tcp"
        else:
            spec, _, protocol = str(port).partition("/")
            protocol = protocol or "tcp"
            parts = spec.rsplit(":", 2)
            host_ip, published, target = ([""] * (3 - len(parts)) + parts) if len(parts) < 3 else parts
            host_ip = host_ip.strip("[]")
        shown = f"{host_ip + ':' if host_ip else ''}{published + ':' if published else ''}{target}/{protocol}"
        if host_ip != "127.0.0.1":
            problems.append(f"service {name}: port {shown} is not bound to 127.0.0.1 (write 127.0.0.1:HOST:CONTAINER)")
        if not published:
            problems.append(f"service {name}: port {shown} has no fixed host port")
            continue
        key = (published, protocol)
        if key in host_ports:
            problems.append(f"host port {published}/{protocol} is published twice: by {host_ports[key]} and {name}")
        else:
            host_ports[key] = name

def tag_problem(image):
    """None when image names an explicit tag other than latest (or a digest)."""
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return "has no tag"
    if last.rsplit(":", 1)[1] == "latest":
        return "uses the tag latest"
    return None

# Images: explicit tags.
for name, svc in sorted(services.items()):
    image = svc.get("image")
    if image and not svc.get("build"):
        problem = tag_problem(image)
        if problem:
            problems.append(f"service {name}: image {image} {problem}; pin a version")

# Health conditions need a healthcheck.
for name, svc in sorted(services.items()):
    depends = svc.get("depends_on") or {}
    if isinstance(depends, dict):
        for dep, spec in sorted(depends.items()):
            if (spec or {}).get("condition") == "service_healthy":
                check = (services.get(dep) or {}).get("healthcheck")
                if not check or check.get("disable"):
                    problems.append(f"service {name} waits for {dep} to be healthy, but {dep} has no healthcheck")

# Builds: .dockerignore, Dockerfile, pinned FROM lines, a Maven stage with Maven's version, no host-built target/.
seen = set()
for name, svc in sorted(services.items()):
    build = svc.get("build")
    if not build:
        continue
    if isinstance(build, str):
        build = {"context": build}
    context = build.get("context") or "."
    if re.match(r"^[a-z]+://|^git@", context):
        continue
    dockerfile = os.path.join(context, build.get("dockerfile") or "Dockerfile")
    if (context, dockerfile) in seen:
        continue
    seen.add((context, dockerfile))
    if not os.path.isfile(os.path.join(context, ".dockerignore")):
        problems.append(f"service {name}: build context {context} has no .dockerignore")
    if not os.path.isfile(dockerfile):
        problems.append(f"service {name}: Dockerfile {dockerfile} does not exist")
        continue
    with open(dockerfile) as f:
        lines = re.sub(r"\\\n", " ", f.read()).splitlines()
    stages = set()
    for line in lines:
        words = line.split()
        if not words or words[0].upper() not in ("FROM", "COPY", "ADD"):
            continue
        instruction = words[0].upper()
        args = [w for w in words[1:] if not w.startswith("--")]
        flags = [w for w in words[1:] if w.startswith("--")]
        if instruction == "FROM":
            if not args:
                continue
            image = args[0]
            if len(args) >= 3 and args[1].upper() == "AS":
                stages.add(args[2].lower())
            if image.lower() in stages or image == "scratch":
                continue
            if "$" in image:
                problems.append(f"{dockerfile}: FROM {image}: a variable in FROM cannot be checked; pin the image")
                continue
            problem = tag_problem(image)
            if problem:
                problems.append(f"{dockerfile}: FROM {image} {problem}; pin a version")
            repo, _, tag = image.rsplit("/", 1)[-1].partition(":")
            if repo == "maven" and not re.match(r"^\d+\.\d+\.\d+", tag):
                problems.append(f"{dockerfile}: FROM {image}: pin Maven's version (maven:X.Y.Z-eclipse-temurin-17)")
        elif not any(flag.startswith("--from") for flag in flags):
            for source in args[:-1]:
                if re.search(r"(^|/)target(/|$)", source):
                    problems.append(f"{dockerfile}: {instruction} {source}: the image copies a jar built on the "
                                    "host; build it in a build stage (.dockerignore leaves target/ out)")

# A build's target names a stage of its Dockerfile.
for name, svc in sorted(services.items()):
    build = svc.get("build")
    if not isinstance(build, dict) or not build.get("target"):
        continue
    context = build.get("context") or "."
    dockerfile = os.path.join(context, build.get("dockerfile") or "Dockerfile")
    if os.path.isfile(dockerfile):
        with open(dockerfile) as f:
            named = {m.group(1).lower() for m in re.finditer(r"(?im)^FROM\s+\S+\s+AS\s+(\S+)", f.read())}
        if build["target"].lower() not in named:
            problems.append(f"service {name}: build target {build['target']} is not a stage of {dockerfile}")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
PY

FORMAT=yaml
[[ "${COMPOSE[*]}" == "docker compose" || "$VERSION" == 2.* ]] && FORMAT=json
PYTHON=""
for candidate in python3 /usr/bin/python3; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  if [[ "$FORMAT" == json ]] || "$candidate" -c 'import yaml' 2>/dev/null; then
    PYTHON="$candidate"
    break
  fi
done
if [[ -z "$PYTHON" ]]; then
  echo "validate-compose: ERROR: the checks need Python 3 (with PyYAML for Compose v1); $FILE was only partly validated" >&2
  exit 3
fi

FORMAT_ARGS=()
[[ "$FORMAT" == json ]] && FORMAT_ARGS=(--format json)
if ! resolved="$("${COMPOSE[@]}" -f "$FILE" "${PROFILE_ARGS[@]}" config "${FORMAT_ARGS[@]}" 2>/dev/null)"; then
  fail "config ${PROFILE_ARGS[*]} failed"
elif ! problems="$(printf '%s' "$resolved" | "$PYTHON" -c "$CHECKS" "$FORMAT" 2>&1)"; then
  while IFS= read -r line; do fail "$line"; done <<<"$problems"
else
  echo "validate-compose: checks (ports on 127.0.0.1 and not shared, pinned images, healthchecks, builds): OK"
fi

if [[ $FAILED -ne 0 ]]; then
  echo "validate-compose: INVALID: $FILE ($LABEL)" >&2
  exit 1
fi
echo "validate-compose: OK: $FILE is valid ($LABEL${PROFILES[*]:+, profiles: ${PROFILES[*]}})"
