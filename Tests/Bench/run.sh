#!/usr/bin/env bash
# Runs the same natrium-bench scenarios against Debian's nats-server and against Natrium,
# alternately within one run (fresh server per measurement), then prints medians and the
# ratio Natrium/nats-server. Everything listens on 127.0.0.1, on free ephemeral ports.
# Every wait is bounded. See Tests/Bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: Tests/Bench/run.sh [--rounds R] [--seconds S] [--warmup W] [--scenarios "pubsub16 pub ..."]
                          [--server-only nats|natrium] [--results FILE] [--no-build]
                          [--conn-sizes "1000 10000 50000"] [--sub-sizes "10000 100000 1000000"]
                          [--acct-sizes "10 100 1000"] [--mem-size-conn N] [--mem-size-sub N]
                          [--settle S] [--charts DIR]
  --rounds       rounds per scenario and server (default 3); the order alternates per round
  --seconds      publishing duration per scenario run (default 2)
  --warmup       seconds of the same scenario, not measured, on each fresh server first
                 (default 5; 0 = measure a cold server, JIT included)
  --scenarios    subset of: pubsub16 pubsub1k fanout5 queue3 reqrep pub pub1k subflood pubperm20
                 connect connect-user connect-bcrypt connect-nkey connect-tls connect-jwt connect-callout revoke bcryptflood
                 ws-pubsub16 ws-connect
                 import16 svcreq jspub jsfetch kvput kvget jspub-enc jsfetch-enc
                 xnode-pubsub xnode-pubsub1k xnode-fanout nodeloss startup
                 mem-conn mem-sub scale-conn scale-sub scale-acct scale-acct-pairs
                 (default all; startup execs each server, times it until a client gets INFO,
                 then compares its connect and pubsub16 rates in the first 2 s with its rates
                 once warm (it ignores --seconds and --warmup); the JetStream ones, jspub jsfetch kvput kvget, start each server
                 with -js -sd <fresh temporary dir>, deleted when that server stops; the last
                 four start a 3-node cluster of each server per measurement: nats-server with
                 routes, Natrium with a redis-server of this run for membership)
  --server-only  run against one server only (nats: Natrium is not built at all)
  --results      JSON-lines results file (default: a new file under /tmp)
  --no-build     use the binaries already built
  --conn-sizes, --sub-sizes, --acct-sizes
                 the sizes of the scale-conn, scale-sub and scale-acct(-pairs) curves (defaults above)
  --mem-size-conn, --mem-size-sub
                 idle connections of mem-conn (default 5000), subscriptions of mem-sub (100000)
  --settle       seconds the memory scenarios wait before each RSS reading (default 2)
  --charts       where natrium-bench --chart writes the SVG charts (default: charts/ beside
                 the results)
USAGE
}

ROUNDS=3
DURATION=2
WARMUP=5
SCENARIOS="pubsub16 pubsub1k fanout5 queue3 reqrep pub pub1k subflood pubperm20 connect connect-user connect-bcrypt connect-nkey connect-tls connect-jwt connect-callout revoke bcryptflood ws-pubsub16 ws-connect import16 svcreq jspub jsfetch kvput kvget jspub-enc jsfetch-enc xnode-pubsub xnode-pubsub1k xnode-fanout nodeloss startup mem-conn mem-sub scale-conn scale-sub scale-acct scale-acct-pairs"
CONN_SIZES="1000 10000 50000"
SUB_SIZES="10000 100000 1000000"
ACCT_SIZES="10 100 1000"
MEM_CONNS=5000
MEM_SUBS=100000
SETTLE=2
CHARTS=""
ONLY=""
RESULTS=""
BUILD=1
while (($#)); do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --seconds) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --scenarios) SCENARIOS="$2"; shift 2 ;;
        --server-only) ONLY="$2"; shift 2 ;;
        --results) RESULTS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --conn-sizes) CONN_SIZES="$2"; shift 2 ;;
        --sub-sizes) SUB_SIZES="$2"; shift 2 ;;
        --acct-sizes) ACCT_SIZES="$2"; shift 2 ;;
        --mem-size-conn) MEM_CONNS="$2"; shift 2 ;;
        --mem-size-sub) MEM_SUBS="$2"; shift 2 ;;
        --settle) SETTLE="$2"; shift 2 ;;
        --charts) CHARTS="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
case "$ONLY" in ""|nats|natrium) ;; *) echo "run.sh: --server-only wants nats or natrium" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/Tests/Bench/bin/Release/net10.0/natrium-bench"
# NATRIUM_BIN overrides the broker binary (e.g. NATRIUM_BIN=/usr/sbin/nats-server gives an
# A/A run that shows how noisy the machine is: every ratio should then be near 1.00).
NATRIUM="${NATRIUM_BIN:-$ROOT/Silo/bin/Release/net10.0/ready-to-run/natrium}"
WORK="$(mktemp -d /tmp/natrium-bench.XXXXXX)"
RESULTS="${RESULTS:-$WORK/results.jsonl}"
START_WAIT=30   # seconds a server gets to accept on its port (Orleans start-up is slow)
STOP_WAIT=50    # tenths of a second between SIGTERM and SIGKILL
BENCH_WAIT=180  # seconds one natrium-bench invocation may take
SCALE_WAIT=900  # the same for a memory or scale scenario (1M SUBs, 50k connections)
CHARTS="${CHARTS:-$(dirname "$RESULTS")/charts}"
# Idle-connection scenarios hold thousands of sockets in the bench and in the server alike:
# both inherit this limit, which cannot go past the hard one (ulimit -Hn) without privileges.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT="$(ulimit -n)"
SERVER_PIDS=()  # the running server, or the nodes of the running cluster (node A first)
START_ERROR=""
CLUSTER_SIZE=3
CLUSTER_START_WAIT=120  # seconds 3 nodes starting at once get to accept (3 JITs on 2 shared cores)
CLUSTER_WAIT=60 # seconds a cluster gets to form once every node accepts
REDIS_PID=""    # redis-server for Natrium's membership, started on first need, stopped on exit
REDIS_PORT=""
SERVER_ARGS=()  # extra server flags of the current scenario (-js -sd DIR)
STORE_DIR=""    # JetStream store of the current server, deleted when it stops

want() { [[ -z "$ONLY" || "$ONLY" == "$1" ]]; }

# --- nats-server -------------------------------------------------------------------------
NATS_SERVER="$(command -v nats-server || true)"
if [[ -z "$NATS_SERVER" && -x /usr/sbin/nats-server ]]; then NATS_SERVER=/usr/sbin/nats-server; fi
if want nats && [[ -z "$NATS_SERVER" ]]; then
    echo "== installing nats-server with apt-get"
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
    $SUDO apt-get update && $SUDO apt-get install -y nats-server
    NATS_SERVER="$(command -v nats-server || echo /usr/sbin/nats-server)"
fi

# --- build -------------------------------------------------------------------------------
NATRIUM_STATE="ok"
if ((BUILD)); then
    echo "== building natrium-bench (Release)"
    dotnet build -c Release "$ROOT/Tests/Bench/Natrium.Bench.csproj" 2>&1 | tail -3
    if want natrium && [[ -z "${NATRIUM_BIN:-}" ]]; then
        echo "== building Natrium (Release)"
        if ! dotnet build -c Release "$ROOT/Silo/Natrium.Silo.csproj" >"$WORK/natrium-build.log" 2>&1; then
            NATRIUM_STATE="build failed (see $WORK/natrium-build.log)"
            echo "== Natrium: $NATRIUM_STATE; continuing without it"
        fi
    fi
fi
[[ -x "$BENCH" ]] || { echo "run.sh: $BENCH missing (build failed?)" >&2; exit 1; }
if want natrium && [[ "$NATRIUM_STATE" == ok && ! -x "$NATRIUM" ]]; then
    NATRIUM_STATE="binary $NATRIUM missing"
fi

# --- one server at a time ----------------------------------------------------------------
# Stops every process in SERVER_PIDS (one server, or the nodes of a cluster, some perhaps
# already killed): SIGTERM to all, SIGKILL to those still there after STOP_WAIT.
stop_server() {
    ((${#SERVER_PIDS[@]})) || return 0
    local pid alive
    for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < STOP_WAIT; i++)); do
        alive=0
        for pid in "${SERVER_PIDS[@]}"; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${SERVER_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            echo "   (server $pid ignored SIGTERM for $((STOP_WAIT / 10)) s; SIGKILL)"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
}

stop_redis() {
    [[ -n "$REDIS_PID" ]] || return 0
    kill -TERM "$REDIS_PID" 2>/dev/null || true
    for ((i = 0; i < STOP_WAIT; i++)); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
}

# A fresh JetStream store directory for the next server start, and its removal.
new_store() {
    STORE_DIR="$(mktemp -d /tmp/natrium-bench-store.XXXXXX)"
    SERVER_ARGS=(-js -sd "$STORE_DIR")
}
drop_store() {
    if [[ -n "$STORE_DIR" ]]; then rm -rf -- "$STORE_DIR"; fi
    STORE_DIR=""
    SERVER_ARGS=()
}
trap 'stop_server; drop_store; stop_redis' EXIT

# Starts $1 (nats|natrium) on 127.0.0.1:$2 and waits until the port accepts; sets SERVER_PIDS.
start_server() {
    local side="$1" port="$2" log="$WORK/$1.log" conf=()
    if [[ -n "${SERVER_CONF:-}" ]]; then conf=(-c "$SERVER_CONF"); fi
    echo "--- $side on port $port ${conf[*]} ${SERVER_ARGS[*]}" >>"$log"
    if [[ "$side" == nats ]]; then
        "$NATS_SERVER" "${conf[@]}" "${SERVER_ARGS[@]}" -a 127.0.0.1 -p "$port" >>"$log" 2>&1 &
    else
        "$NATRIUM" "${conf[@]}" "${SERVER_ARGS[@]}" -a 127.0.0.1 -p "$port" >>"$log" 2>&1 &
    fi
    SERVER_PIDS=($!)
    if ! await_ports "$START_WAIT" "$log" "$port" ${WS_PORT:-}; then stop_server; return 1; fi
}

# Waits until every port of $3... accepts, while every process of SERVER_PIDS runs ($2: the
# log to name in START_ERROR); at most $1 seconds.
await_ports() {
    local wait="$1" log="$2" port pid rc
    shift 2
    local deadline=$((SECONDS + wait)) waiting=("$@")
    while ((SECONDS < deadline)); do
        for pid in "${SERVER_PIDS[@]}"; do
            if ! kill -0 "$pid" 2>/dev/null; then
                rc=0
                wait "$pid" 2>/dev/null || rc=$?
                START_ERROR="pid $pid exited with status $rc before accepting on 127.0.0.1:${waiting[*]} (log: $log)"
                return 1
            fi
        done
        local still=()
        for port in "${waiting[@]}"; do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || still+=("$port")
        done
        ((${#still[@]})) || return 0
        waiting=("${still[@]}")
        sleep 0.1
    done
    START_ERROR="did not accept on 127.0.0.1:${waiting[*]} within ${wait} s (log: $log)"
    return 1
}

# --- a 3-node cluster of either server ------------------------------------------------------
# Natrium's nodes find each other through Redis: one redis-server for the whole run, on a free
# port of 127.0.0.1, nothing saved; each cluster gets a cluster id of its own.
start_redis() {
    [[ -z "$REDIS_PID" ]] || return 0
    local redis
    redis="$(command -v redis-server || true)"
    if [[ -z "$redis" ]]; then START_ERROR="redis-server missing (apt-get install redis-server)"; return 1; fi
    REDIS_PORT="$("$BENCH" --free-port)"
    "$redis" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >>"$WORK/redis.log" 2>&1 &
    REDIS_PID=$!
    local deadline=$((SECONDS + START_WAIT))
    while ((SECONDS < deadline)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then return 0; fi
        kill -0 "$REDIS_PID" 2>/dev/null || break
        sleep 0.1
    done
    stop_redis
    START_ERROR="redis-server did not accept on 127.0.0.1:$REDIS_PORT (log: $WORK/redis.log)"
    return 1
}

# Starts CLUSTER_SIZE nodes of $1 (nats|natrium) on fresh ports, node i logging to
# $WORK/$1-node<i>.log; waits until every node accepts and every node's INFO lists all of them
# in connect_urls (natrium-bench --await-cluster). Sets SERVER_PIDS, CLUSTER_URLS, CLUSTER_LOGS.
start_cluster() {
    local side="$1" round="$2" ports i j
    mapfile -t ports < <("$BENCH" --free-port $((2 * CLUSTER_SIZE)))   # client ports, then route/silo ports
    local clients=("${ports[@]:0:CLUSTER_SIZE}") peers=("${ports[@]:CLUSTER_SIZE}") logs=() urls=()
    if [[ "$side" == natrium ]] && ! start_redis; then return 1; fi
    local cluster_id="bench-$$-$round-$RANDOM"
    for ((i = 0; i < CLUSTER_SIZE; i++)); do
        local log="$WORK/$side-node$i.log"
        logs+=("$log")
        urls+=("127.0.0.1:${clients[i]}")
        echo "--- $side node$i on port ${clients[i]}, peer port ${peers[i]}" >>"$log"
        if [[ "$side" == nats ]]; then
            local routes=() conf="$WORK/conf/cluster-node$i.conf"
            for ((j = 0; j < CLUSTER_SIZE; j++)); do
                if ((j != i)); then routes+=("nats://127.0.0.1:${peers[j]}"); fi
            done
            cat >"$conf" <<CONF
server_name: node$i
listen: 127.0.0.1:${clients[i]}
cluster {
  name: bench
  listen: 127.0.0.1:${peers[i]}
  routes: [$(IFS=,; echo "${routes[*]}")]
}
CONF
            "$NATS_SERVER" -c "$conf" >>"$log" 2>&1 &
        else
            "$NATRIUM" -a 127.0.0.1 -p "${clients[i]}" -n "node$i" --cluster_id "$cluster_id" \
                --redis "127.0.0.1:$REDIS_PORT" --silo_port "${peers[i]}" >>"$log" 2>&1 &
        fi
        SERVER_PIDS+=($!)
        # Out of the job table: bash would print a "Killed" notice when nodeloss kills node A.
        # Still reaped by bash; stop_server and await_ports watch it with kill -0.
        disown $!
    done
    CLUSTER_URLS="$(IFS=,; echo "${urls[*]}")"
    CLUSTER_LOGS="$(IFS=,; echo "${logs[*]}")"
    if ! await_ports "$CLUSTER_START_WAIT" "$WORK/$side-node*.log" "${clients[@]}"; then stop_server; return 1; fi
    if ! "$BENCH" --url "$CLUSTER_URLS" --await-cluster "$CLUSTER_WAIT" >>"$WORK/$side-node0.log" 2>&1; then
        stop_server
        START_ERROR="cluster did not form within ${CLUSTER_WAIT} s (see $WORK/$side-node0.log)"
        return 1
    fi
}

is_cluster_scenario() { [[ "$1" == xnode-* || "$1" == nodeloss ]]; }

# One measurement on a fresh cluster: warm-up (not for nodeloss, which kills node A), then the
# measured run with every node's pid (CPU and RSS summed) and log (nodeloss watches them).
run_cluster_one() { # scenario side round
    local scenario="$1" side="$2" round="$3" rc=0
    if [[ "$side" == natrium && "$NATRIUM_STATE" != ok ]]; then
        record_error "$scenario" "$side" "$round" "Natrium $NATRIUM_STATE"; return
    fi
    if ! start_cluster "$side" "$round"; then
        record_error "$scenario" "$side" "$round" "cluster $START_ERROR"
        return
    fi
    if [[ "$WARMUP" != 0 && "$scenario" != nodeloss ]]; then
        timeout "$BENCH_WAIT" "$BENCH" --url "$CLUSTER_URLS" --scenario "$scenario" --seconds "$WARMUP" \
            --warmup-run >/dev/null 2>&1 || true
    fi
    local pids
    pids="$(IFS=,; echo "${SERVER_PIDS[*]}")"
    timeout "$BENCH_WAIT" "$BENCH" --url "$CLUSTER_URLS" --scenario "$scenario" --seconds "$DURATION" \
        --server-pid "$pids" --node-logs "$CLUSTER_LOGS" --json --label "$side" --round "$round" >>"$RESULTS" || rc=$?
    if ((rc == 124)); then record_error "$scenario" "$side" "$round" "natrium-bench exceeded ${BENCH_WAIT} s"; fi
    stop_server
}

record_error() { # scenario side round text [size]
    local size=""
    if [[ -n "${5:-}" ]]; then size=",\"size\":$5"; fi
    printf '{"scenario":"%s","label":"%s","round":%d%s,"error":"%s"}\n' "$1" "$2" "$3" "$size" "$4" >>"$RESULTS"
    echo "$1 $2 r$3${5:+ n=$5} ERROR $4"
}

is_memory_scenario() { [[ "$1" == mem-* || "$1" == scale-* ]]; }

# The sizes one round of a memory or scale scenario runs at; one empty size for the others.
sizes_of() {
    case "$1" in
        mem-conn) echo "$MEM_CONNS" ;;
        mem-sub) echo "$MEM_SUBS" ;;
        scale-conn) echo "$CONN_SIZES" ;;
        scale-sub) echo "$SUB_SIZES" ;;
        scale-acct|scale-acct-pairs) echo "$ACCT_SIZES" ;;
        *) echo "-" ;;
    esac
}

run_one() { # scenario side round [size]
    local scenario="$1" side="$2" round="$3" size="${4:-}" port rc=0 wait="$BENCH_WAIT"
    if [[ "$side" == natrium && "$NATRIUM_STATE" != ok ]]; then
        record_error "$scenario" "$side" "$round" "Natrium $NATRIUM_STATE" "$size"; return
    fi
    # Each idle connection takes a descriptor in the bench and one in the server.
    if [[ "$scenario" == *-conn ]] && ((size + 500 > FD_LIMIT)); then
        record_error "$scenario" "$side" "$round" "$size connections need ulimit -n >= $((size + 500)); the hard limit here is $FD_LIMIT" "$size"; return
    fi
    port="$("$BENCH" --free-port)"
    # Security scenarios run both servers on the same nats-server config file.
    local extra=()
    SERVER_CONF=""
    WS_PORT=""
    case "$scenario" in
        ws-*)
            # A websocket listener on a second free port, plain ws:// as both servers allow it.
            WS_PORT="$("$BENCH" --free-port)"
            SERVER_CONF="$CONFS/ws-$WS_PORT.conf"
            printf 'websocket { listen: "127.0.0.1:%s", no_tls: true }\n' "$WS_PORT" >"$SERVER_CONF"
            extra=(--ws-url "ws://127.0.0.1:$WS_PORT") ;;
        pubperm20) SERVER_CONF="$CONFS/perm20.conf"; extra=(--user bench --pass bench-pw) ;;
        connect-user) SERVER_CONF="$CONFS/user.conf" ;;
        connect-bcrypt) SERVER_CONF="$CONFS/bcrypt.conf" ;;
        connect-nkey) SERVER_CONF="$CONFS/nkey.conf" ;;
        connect-tls) SERVER_CONF="$CONFS/tls.conf" ;;
        bcryptflood) SERVER_CONF="$CONFS/bcryptflood.conf"; extra=(--user plain --pass bench-pw) ;;
        connect-jwt|revoke) SERVER_CONF="$CONFS/jwt.conf" ;;
        connect-callout) SERVER_CONF="$CONFS/callout.conf" ;;
        # Stream import: publish in A, receive in B. Service import: request from B, answer in A.
        import16) SERVER_CONF="$CONFS/accounts.conf"; extra=(--user b --pass bench-pw --pub-user a --pub-pass bench-pw) ;;
        svcreq) SERVER_CONF="$CONFS/accounts.conf"; extra=(--user a --pass bench-pw --pub-user b --pub-pass bench-pw) ;;
        # JetStream, file storage: both servers get -js -sd with a fresh store per measurement.
        jspub|jsfetch|kvput|kvget) new_store ;;
        # The same, encrypted at rest with one key on both servers.
        jspub-enc|jsfetch-enc) new_store; SERVER_CONF="$CONFS/jsenc.conf" ;;
        # N accounts with a user and an import/export pair each; the bench SIGHUPs the server
        # and watches its log for the end of the reload.
        scale-acct) SERVER_CONF="$("$BENCH" --write-accounts-conf "$size" --conf-dir "$CONFS")"; extra=(--node-logs "$WORK/$side.log") ;;
        # The same with each account importing from one partner only.
        scale-acct-pairs) SERVER_CONF="$("$BENCH" --write-accounts-conf "$size" --pairs --conf-dir "$CONFS")"; extra=(--node-logs "$WORK/$side.log") ;;
    esac
    if is_memory_scenario "$scenario"; then
        extra+=(--size "$size" --settle "$SETTLE")
        wait="$SCALE_WAIT"
    fi
    if ! start_server "$side" "$port"; then
        record_error "$scenario" "$side" "$round" "server $START_ERROR" "$size"
        drop_store
        return
    fi
    # The warm-up lets Natrium's JIT settle (nats-server is compiled ahead of time, so it
    # changes little there); its result is thrown away, its failures show up in the measured run.
    # --warmup-run: JetStream scenarios warm up on streams of their own, so the measured run
    # creates its streams on a server where they never existed (no delete/re-create in between).
    # The memory scenarios warm the server up themselves, on a few hundred items, before their
    # "before" reading: a full-size warm-up would leave its garbage in that reading.
    if [[ "$WARMUP" != 0 ]] && ! is_memory_scenario "$scenario"; then
        timeout "$BENCH_WAIT" "$BENCH" --url "127.0.0.1:$port" --scenario "$scenario" --seconds "$WARMUP" \
            --warmup-run --conf-dir "$CONFS" "${extra[@]}" >/dev/null 2>&1 || true
    fi
    timeout "$wait" "$BENCH" --url "127.0.0.1:$port" --scenario "$scenario" --seconds "$DURATION" \
        --server-pid "${SERVER_PIDS[0]}" --json --label "$side" --round "$round" --conf-dir "$CONFS" "${extra[@]}" >>"$RESULTS" || rc=$?
    if ((rc == 124)); then record_error "$scenario" "$side" "$round" "natrium-bench exceeded ${wait} s" "$size"; fi
    stop_server
    drop_store
}

# Cold start: the bench execs the server itself (no warm-up: the first start is the point);
# it measures the rates right after INFO and after its own warm-up of that server, then kills it.
run_startup() {
    local side="$1" round="$2" binary="$NATS_SERVER" rc=0
    if [[ "$side" == natrium ]]; then
        if [[ "$NATRIUM_STATE" != ok ]]; then record_error startup "$side" "$round" "Natrium $NATRIUM_STATE"; return; fi
        binary="$NATRIUM"
    fi
    timeout "$BENCH_WAIT" "$BENCH" --startup "$binary" --json --label "$side" --round "$round" >>"$RESULTS" || rc=$?
    if ((rc != 0)); then record_error startup "$side" "$round" "natrium-bench --startup exited with $rc"; fi
}

CONFS="$WORK/conf"
"$BENCH" --write-confs --conf-dir "$CONFS"

echo "== results: $RESULTS, server logs: $WORK"
for scenario in $SCENARIOS; do
    for ((round = 1; round <= ROUNDS; round++)); do
      for size in $(sizes_of "$scenario"); do
        order=(nats natrium)
        if ((round % 2 == 0)); then order=(natrium nats); fi   # alternate who goes first
        for side in "${order[@]}"; do
            if ! want "$side"; then continue; fi
            if [[ "$side" == nats && "$scenario" == connect-callout ]]; then
                record_error "$scenario" "$side" "$round" "nats-server 2.9.10 has no auth callout"; continue
            fi
            if [[ "$scenario" == startup ]]; then
                run_startup "$side" "$round"
            elif is_cluster_scenario "$scenario"; then
                run_cluster_one "$scenario" "$side" "$round"
            elif is_memory_scenario "$scenario"; then
                run_one "$scenario" "$side" "$round" "$size"
            else
                run_one "$scenario" "$side" "$round"
            fi
        done
      done
    done
done

echo
"$BENCH" --report "$RESULTS"
echo
echo "== charts in $CHARTS"
"$BENCH" --chart "$RESULTS" --out "$CHARTS"
