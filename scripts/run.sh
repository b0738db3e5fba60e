#!/usr/bin/env bash
# Sets Cairn up and serves it locally with demo data: gunicorn plus the task worker.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh runtime

export DJANGO_SETTINGS_MODULE=config.settings
# Plain HTTP on this machine only; behind TLS in production (see README).
export CAIRN_HTTPS="${CAIRN_HTTPS:-false}"
PORT="${PORT:-8000}"
export CAIRN_SITE_URL="${CAIRN_SITE_URL:-http://127.0.0.1:$PORT}"
py=.venv/bin/python

$py manage.py migrate --no-input -v0
$py manage.py createcachetable
$py manage.py collectstatic --no-input -v0
$py manage.py seed_demo

$py manage.py db_worker --queue-name '*' &
worker=$!
# Queues the reminder check for the worker once a minute.
$py manage.py reminders_scheduler &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM

echo
echo "Cairn is running at http://127.0.0.1:$PORT  (Ctrl+C to stop)"
echo "The authenticator code for the demo admin and therapists: make totp"
.venv/bin/gunicorn config.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers "${WEB_CONCURRENCY:-3}" --access-logfile - --graceful-timeout 5
