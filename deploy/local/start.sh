#!/usr/bin/env bash
# Starts recon's topology on this machine without Docker, from the Maven build and Debian packages:
# a Kafka broker (KRaft) as its own process, a Flink standalone session cluster (JobManager and
# TaskManager as separate JVMs), and, when installed, Prometheus and Alertmanager. Everything
# listens on 127.0.0.1. Pid files, logs and data go to the work directory; stop.sh stops exactly
# what this started. See docs/deployment.md.
set -euo pipefail

usage() {
  cat <<USAGE
usage: deploy/local/start.sh [options]

  --workdir DIR            pid files, logs, configuration and data (default: \${TMPDIR:-/tmp}/recon-local)
  --kafka-port N           Kafka listener on 127.0.0.1 (default: 9092; 0 = a free port)
  --rest-port N            Flink REST API and web UI on 127.0.0.1 (default: 8081; 0 = a free port)
  --topic NAME[:PARTS]     topic to create (repeatable; default: sensor-readings:2 anomalies:1
                           sensor-readings.dlq:1 incidents:1 denoised:1 model-updates:1)
  --slots N                task slots of the TaskManager (default: taskmanager.numberOfTaskSlots of
                           deploy/flink-conf/config.yaml)
  --monitoring auto|yes|no start Prometheus and Alertmanager (default: auto = when installed)
  --prometheus-port N      (default: 9090; 0 = a free port)
  --alertmanager-port N    (default: 9093; 0 = a free port)
  --jobmanager-metrics-port N   recon's Prometheus reporter of the JobManager (default: 9249; 0 = a free port)
  --taskmanager-metrics-port N  ... of the TaskManager (default: 9250; 0 = a free port)
  -h, --help               this text

Needs a build first (mvn -DskipTests install): it runs the broker from cli/target/lib and Flink from
deploy/target/flink-lib + deploy/target/djl-lib. On success it prints the endpoints and writes them to
WORKDIR/endpoints.env; submit a job with:  bin/recon run --config FILE --cluster 127.0.0.1:REST_PORT
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
workdir="${TMPDIR:-/tmp}/recon-local"
kafka_port=9092
rest_port=8081
prometheus_port=9090
alertmanager_port=9093
jm_metrics_port=9249
tm_metrics_port=9250
monitoring=auto
slots=""
topics=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --workdir) workdir="${2:?--workdir needs a directory}"; shift 2 ;;
    --kafka-port) kafka_port="${2:?--kafka-port needs a number}"; shift 2 ;;
    --rest-port) rest_port="${2:?--rest-port needs a number}"; shift 2 ;;
    --topic) topics+=("${2:?--topic needs NAME[:PARTITIONS]}"); shift 2 ;;
    --slots) slots="${2:?--slots needs a number}"; shift 2 ;;
    --monitoring) monitoring="${2:?--monitoring needs auto, yes or no}"; shift 2 ;;
    --prometheus-port) prometheus_port="${2:?--prometheus-port needs a number}"; shift 2 ;;
    --alertmanager-port) alertmanager_port="${2:?--alertmanager-port needs a number}"; shift 2 ;;
    --jobmanager-metrics-port) jm_metrics_port="${2:?--jobmanager-metrics-port needs a number}"; shift 2 ;;
    --taskmanager-metrics-port) tm_metrics_port="${2:?--taskmanager-metrics-port needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ ${#topics[@]} -gt 0 ]] || topics=(sensor-readings:2 anomalies:1 sensor-readings.dlq:1 incidents:1 denoised:1 model-updates:1)
case "$monitoring" in auto|yes|no) ;; *) echo "start.sh: --monitoring must be auto, yes or no, got '$monitoring'" >&2; exit 2 ;; esac

fail() { echo "start.sh: $*" >&2; exit 1; }

for port_var in kafka_port rest_port prometheus_port alertmanager_port jm_metrics_port tm_metrics_port; do
  [[ "${!port_var}" =~ ^[0-9]+$ ]] || fail "--${port_var//_/-} must be a port number, got '${!port_var}'"
done

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || fail "python3 is needed to pick a free port; pass explicit ports instead"
}
[[ "$kafka_port" != 0 ]] || kafka_port=$(free_port)
[[ "$rest_port" != 0 ]] || rest_port=$(free_port)
[[ "$prometheus_port" != 0 ]] || prometheus_port=$(free_port)
[[ "$alertmanager_port" != 0 ]] || alertmanager_port=$(free_port)
[[ "$jm_metrics_port" != 0 ]] || jm_metrics_port=$(free_port)
[[ "$tm_metrics_port" != 0 ]] || tm_metrics_port=$(free_port)
rpc_port=$(free_port)

# -- what the build produced ------------------------------------------------------------------
kafka_lib="$root/cli/target/lib"
flink_lib="$root/deploy/target/flink-lib"
djl_lib="$root/deploy/target/djl-lib"
reporter_lib="$root/deploy/target/reporter-lib"
shared_conf="$root/deploy/flink-conf/config.yaml"
for dir in "$kafka_lib" "$flink_lib" "$djl_lib" "$reporter_lib"; do
  [[ -d "$dir" ]] || fail "$dir is missing; build recon first: (cd $root && mvn -B -DskipTests install)"
done
command -v java >/dev/null || fail "java (17) is not on the PATH"
command -v curl >/dev/null || fail "curl is not on the PATH (used to wait for Flink's REST API)"

# -- work directory ---------------------------------------------------------------------------
mkdir -p "$workdir"
workdir="$(cd "$workdir" && pwd)"
run="$workdir/run"
logs="$workdir/log"
conf="$workdir/conf"
mkdir -p "$run" "$logs" "$conf" "$workdir/data" "$workdir/tmp"
for pid_file in "$run"/*.pid; do
  [[ -e "$pid_file" ]] || continue
  if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    fail "something from $workdir still runs ($(basename "$pid_file" .pid)); stop it first: deploy/local/stop.sh --workdir $workdir"
  fi
  rm -f "$pid_file"
done

# Every process gets this marker on its command line, so stop.sh only ever signals what start.sh started.
marker="-Drecon.local.workdir=$workdir"
started=()
on_error() {
  echo "start.sh: stopping what was started (logs stay in $logs)" >&2
  "$root/deploy/local/stop.sh" --workdir "$workdir" >&2 || true
}
trap on_error ERR

# Starts a named process in its own session; its pid goes to run/NAME.pid, its output to log/NAME.out.
launch() {
  local name="$1"; shift
  setsid "$@" >"$logs/$name.out" 2>&1 </dev/null &
  echo $! >"$run/$name.pid"
  echo "$name" >>"$run/order"
  started+=("$name")
}

# Waits until CHECK (a command) succeeds; fails with the log's tail if NAME's process dies first.
await() {
  local name="$1" seconds="$2"; shift 2
  local pid deadline=$((SECONDS + seconds))
  pid=$(cat "$run/$name.pid")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start.sh: $name (pid $pid) exited during start-up; last lines of its logs:" >&2
      tail -n 40 "$logs/$name".* >&2 || true
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "start.sh: $name did not become ready within ${seconds}s; last lines of its logs:" >&2
      tail -n 40 "$logs/$name".* >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

conf_value() { # a flat key of the Flink configuration
  grep -E "^$1:" "$conf/config.yaml" | tail -n 1 | sed -E 's/^[^:]+:[[:space:]]*//' || true
}

: >"$run/order"

# -- Kafka ------------------------------------------------------------------------------------
topic_args=()
for t in "${topics[@]}"; do topic_args+=(--topic "$t"); done
launch kafka java -Xmx512m "$marker" \
  -Dlog.file="$logs/kafka.log" -Dlog4j2.configurationFile="$root/deploy/local/log4j2-kafka.properties" \
  -cp "$kafka_lib/*" dev.recon.kafka.embedded.EmbeddedKafkaBrokerMain \
  --port "$kafka_port" --data-dir "$workdir/data/kafka" "${topic_args[@]}"

# -- Flink configuration: the shared file plus this machine's addresses and ports ----------------
{
  cat "$shared_conf"
  cat <<CONF

# ---- added by deploy/local/start.sh: everything on loopback ----
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
metrics.reporter.prom.host: 127.0.0.1
io.tmp.dirs: $workdir/tmp
web.upload.dir: $workdir/web-upload
web.tmpdir: $workdir/web-tmp
blob.storage.directory: $workdir/blobs
execution.checkpointing.dir: file://$workdir/checkpoints
execution.checkpointing.savepoint-dir: file://$workdir/savepoints
CONF
} >"$conf/config.yaml"
if [[ -n "$slots" ]]; then
  [[ "$slots" =~ ^[1-9][0-9]*$ ]] || fail "--slots must be a positive number, got '$slots'"
  sed -i -E "s/^taskmanager.numberOfTaskSlots:.*/taskmanager.numberOfTaskSlots: $slots/" "$conf/config.yaml"
fi

flink_cp="$flink_lib/*:$djl_lib/*:$reporter_lib/*"
# shellcheck disable=SC2206 # the options are space-separated, as in Flink's own scripts
java_opts=($(conf_value env.java.default-opts.all) $(conf_value env.java.opts.all))

# Flink's memory model turns the configured process sizes into JVM options and -D settings, as
# jobmanager.sh and taskmanager.sh do.
resource_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  java -Xmx128m -Dlog.file="$logs/bash-java-utils.log" \
    -Dlog4j2.configurationFile="$root/deploy/local/log4j2-kafka.properties" \
    -cp "$flink_cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
jm_params=$(resource_params GET_JM_RESOURCE_PARAMS)
tm_params=$(resource_params GET_TM_RESOURCE_PARAMS)
[[ -n "$jm_params" && -n "$tm_params" ]] || fail "Flink's BashJavaUtils printed no memory settings; see $logs/bash-java-utils.log"
# shellcheck disable=SC2206
jm_jvm=($(head -n 1 <<<"$jm_params")); jm_dynamic=($(tail -n 1 <<<"$jm_params"))
# shellcheck disable=SC2206
tm_jvm=($(head -n 1 <<<"$tm_params")); tm_dynamic=($(tail -n 1 <<<"$tm_params"))

# -- Flink JobManager and TaskManager -----------------------------------------------------------
launch jobmanager java "${jm_jvm[@]}" "${java_opts[@]}" "$marker" \
  -Dlog.file="$logs/jobmanager.log" -Dlog4j2.configurationFile="$root/deploy/local/log4j2-flink.properties" \
  -cp "$flink_cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$conf" "${jm_dynamic[@]}" -D "metrics.reporter.prom.port=$jm_metrics_port"
launch taskmanager java "${tm_jvm[@]}" "${java_opts[@]}" "$marker" \
  -Dlog.file="$logs/taskmanager.log" -Dlog4j2.configurationFile="$root/deploy/local/log4j2-flink.properties" \
  -cp "$flink_cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$conf" "${tm_dynamic[@]}" -D "metrics.reporter.prom.port=$tm_metrics_port"

await kafka 120 grep -q '^bootstrap=' "$logs/kafka.out"
bootstrap=$(sed -n 's/^bootstrap=//p' "$logs/kafka.out" | head -n 1)
rest="http://127.0.0.1:$rest_port"
cluster_ready() { curl -sf "$rest/overview" | grep -Eq '"taskmanagers":[1-9]'; }
await jobmanager 120 cluster_ready

# -- Prometheus and Alertmanager (optional) ----------------------------------------------------
prometheus_bin=$(command -v prometheus || true)
alertmanager_bin=$(command -v prometheus-alertmanager || command -v alertmanager || true)
monitor=no
if [[ "$monitoring" == yes || ( "$monitoring" == auto && -n "$prometheus_bin" && -n "$alertmanager_bin" ) ]]; then
  [[ -n "$prometheus_bin" && -n "$alertmanager_bin" ]] \
    || fail "--monitoring yes needs prometheus and alertmanager (apt-get install prometheus prometheus-alertmanager)"
  monitor=yes
fi
if [[ "$monitor" == yes ]]; then
  # The compose stack's file, with this machine's addresses: recon's reporter on the JobManager and
  # the TaskManager (127.0.0.1, one port each) in place of the compose service names.
  sed -E -e "s#alertmanager:9093#127.0.0.1:$alertmanager_port#" \
         -e "s#prometheus:9090#127.0.0.1:$prometheus_port#" \
         -e "s#/etc/prometheus/rules/#$root/deploy/prometheus/rules/#" \
         -e "s#jobmanager:9249 \# recon:flink-target#127.0.0.1:$jm_metrics_port#" \
         -e "s#taskmanager:9249 \# recon:flink-target#127.0.0.1:$tm_metrics_port#" \
         "$root/deploy/prometheus/prometheus.yml" >"$conf/prometheus.yml"
  mkdir -p "$workdir/data/alertmanager/recon.local.workdir"
  launch alertmanager "$alertmanager_bin" --config.file="$root/deploy/alertmanager/alertmanager.yml" \
    --storage.path="$workdir/data/alertmanager/recon.local.workdir" --web.listen-address="127.0.0.1:$alertmanager_port" \
    --cluster.listen-address= --log.level=warn
  # Prometheus takes no -D option; its marker is in its storage path.
  launch prometheus "$prometheus_bin" --config.file="$conf/prometheus.yml" \
    --storage.tsdb.path="$workdir/data/prometheus/recon.local.workdir" \
    --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn
  await alertmanager 60 curl -sf "http://127.0.0.1:$alertmanager_port/-/ready"
  await prometheus 60 curl -sf "http://127.0.0.1:$prometheus_port/-/ready"
fi

trap - ERR
{
  echo "KAFKA_BOOTSTRAP=$bootstrap"
  echo "FLINK_REST=127.0.0.1:$rest_port"
  echo "FLINK_METRICS_JOBMANAGER=http://127.0.0.1:$jm_metrics_port/metrics"
  echo "FLINK_METRICS_TASKMANAGER=http://127.0.0.1:$tm_metrics_port/metrics"
  if [[ "$monitor" == yes ]]; then
    echo "PROMETHEUS=http://127.0.0.1:$prometheus_port"
    echo "ALERTMANAGER=http://127.0.0.1:$alertmanager_port"
  fi
} >"$workdir/endpoints.env"
echo "recon local cluster is up (work directory $workdir):"
sed 's/^/  /' "$workdir/endpoints.env"
echo "  submit:  bin/recon run --config config/timeseries.properties --set kafka.bootstrap-servers=$bootstrap --set model.bundle=DIR --cluster 127.0.0.1:$rest_port"
echo "  stop:    deploy/local/stop.sh --workdir $workdir"
