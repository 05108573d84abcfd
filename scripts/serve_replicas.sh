#!/usr/bin/env bash
# N dashboard processes on loopback behind nginx (sticky sessions, WebSockets, the upload limit).
#   scripts/serve_replicas.sh N [PORT]      (make serve-replicas N=2)
# Each process opens the current published copy read-only; writers (the upload page, the CLI) take
# turns on the working database under its lock (docs/operations.md#several-dashboard-processes).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2}
port=${2:-8501}
py=${PY:-.venv/bin/python}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
run=${OGP_RUN_DIR:-$(mktemp -d /tmp/ogp-replicas.XXXXXX)}
mkdir -p "$run"
"$py" -m ogp_monitor seed
"$py" -m ogp_monitor password
pids=()
cleanup() {
  [ -f "$run/nginx.pid" ] && kill "$(cat "$run/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
servers=""
for i in $(seq 1 "$n"); do
  p=$((port + 100 + i))
  "$py" -m streamlit run serve.py --server.port "$p" --server.address 127.0.0.1 --server.headless true \
      >"$run/dashboard-$i.log" 2>&1 &
  pids+=($!)
  servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'
  echo "dashboard $i: pid $! on 127.0.0.1:$p (log $run/dashboard-$i.log)"
done
sed -e "s|@LISTEN@|127.0.0.1:$port|" -e "s|@PREFIX@|$run|g" -e "s|@MAX_BODY@|30m|" \
    deploy/nginx-ogp-monitor.conf.template | awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' \
    >"$run/nginx.conf"
"$nginx" -t -q -p "$run" -c "$run/nginx.conf" -e "$run/error.log"
echo "nginx on http://127.0.0.1:$port (config $run/nginx.conf, error log $run/error.log)"
"$nginx" -p "$run" -c "$run/nginx.conf" -e "$run/error.log" -g "daemon off;" &
pids+=($!)
wait -n "${pids[@]}"
