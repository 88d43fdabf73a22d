#!/usr/bin/env bash
# Stops what deploy/local/start.sh started in a work directory, and nothing else: each pid file's
# process is signalled only if its command line still carries that work directory's marker.
set -euo pipefail

usage() {
  cat <<USAGE
usage: deploy/local/stop.sh [--workdir DIR] [--timeout SECONDS]

  --workdir DIR      the work directory given to start.sh (default: \${TMPDIR:-/tmp}/recon-local)
  --timeout SECONDS  how long to wait for each process after SIGTERM before SIGKILL (default: 30)
USAGE
}

workdir="${TMPDIR:-/tmp}/recon-local"
timeout=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workdir) workdir="${2:?--workdir needs a directory}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "stop.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$timeout" =~ ^[0-9]+$ ]] || { echo "stop.sh: --timeout must be a number of seconds, got '$timeout'" >&2; exit 2; }
if [[ ! -d "$workdir/run" ]]; then
  echo "stop.sh: nothing to stop ($workdir/run does not exist)"
  exit 0
fi
workdir="$(cd "$workdir" && pwd)"
run="$workdir/run"

ours() { # PID: is it alive and started by start.sh for this work directory?
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "recon.local.workdir" \
    && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$workdir"
}

# Reverse start order: monitoring, then the TaskManager, the JobManager, and Kafka last.
names=()
[[ -f "$run/order" ]] && mapfile -t names < <(tac "$run/order")
for pid_file in "$run"/*.pid; do
  [[ -e "$pid_file" ]] || continue
  name=$(basename "$pid_file" .pid)
  [[ " ${names[*]} " == *" $name "* ]] || names+=("$name")
done

status=0
for name in "${names[@]}"; do
  pid_file="$run/$name.pid"
  [[ -f "$pid_file" ]] || continue
  pid=$(cat "$pid_file")
  if ! ours "$pid"; then
    echo "$name: not running (pid $pid)"
    rm -f "$pid_file"
    continue
  fi
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while ours "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
  if ours "$pid"; then
    echo "$name: still running ${timeout}s after SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  if ours "$pid"; then
    echo "$name: could not stop pid $pid" >&2
    status=1
  else
    echo "$name: stopped (pid $pid)"
    rm -f "$pid_file"
  fi
done
[[ $status -ne 0 ]] || rm -f "$run/order"
exit $status
