#!/usr/bin/env bash
# Sets Cairn up and serves it locally with demo data: gunicorn, plus the task worker
# and the scheduler under a small supervisor that restarts them if they stop.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh runtime

export DJANGO_SETTINGS_MODULE=config.settings
# Plain HTTP on this machine only; behind TLS in production (see README).
export CAIRN_HTTPS="${CAIRN_HTTPS:-false}"
PORT="${PORT:-8000}"
export CAIRN_SITE_URL="${CAIRN_SITE_URL:-http://127.0.0.1:$PORT}"
py=.venv/bin/python

# migrate refuses to start on a missing database when var/ shows Cairn was used here
# before, and on encrypted notes without their key (cairn.core.startup).
$py manage.py migrate --no-input -v0
$py manage.py createcachetable
$py manage.py collectstatic --no-input -v0
$py manage.py seed_demo

# Runs a command again whenever it stops, after a short pause, so the worker and the
# scheduler come back by themselves (a crash, a kill, a database that went away).
supervise() {
    local name=$1
    shift
    while true; do
        "$@" && status=0 || status=$?
        echo "$name stopped (exit $status); starting it again in 2 s" >&2
        sleep 2
    done
}

# The task worker (e-mail, reminders, pruning) and the scheduler (queues them every minute).
supervise worker $py manage.py worker --queue-name '*' &
worker=$!
supervise scheduler $py manage.py reminders_scheduler &
scheduler=$!
# Stops the supervisors and what they run (each supervisor's children first).
stop() {
    trap - EXIT INT TERM
    for pid in $worker $scheduler; do
        # The supervisor first (it acts once its child is gone), then its child.
        kill "$pid" 2>/dev/null || true
        pkill -TERM -P "$pid" 2>/dev/null || true
    done
}
trap stop EXIT INT TERM

echo
echo "Cairn is running at http://127.0.0.1:$PORT  (Ctrl+C to stop)"
echo "The authenticator code for the demo admin and therapists: make totp"
# The timeout leaves room for a page waiting on SQLite's write lock (CAIRN_DB_BUSY_SECONDS).
# Sync workers, one request per process: on a quiet 2-core machine `make bench` measured
# them against gthread (3 × 4, 3 × 2 and 4 × 2 threads) and they kept every page's and the
# API's slowest answers lowest (threads share one interpreter lock, so under load a
# request waits its turn behind the others in its process; README, "Speed"). Cairn's sync
# worker closes a finished connection without waiting for the client to hang up first
# (config/gunicorn_sync.py).
.venv/bin/gunicorn config.wsgi:application --worker-class config.gunicorn_sync.SyncWorker \
    --bind "127.0.0.1:$PORT" --workers "${WEB_CONCURRENCY:-3}" --access-logfile - \
    --graceful-timeout 5 --timeout 60
