#!/usr/bin/env bash
# Post a deploy notification to a Slack-compatible incoming webhook.
#   notify-deploy.sh started|succeeded|failed ENVIRONMENT VERSION
# The webhook URL comes from DEPLOY_WEBHOOK_URL (a CI secret); without it nothing is sent.
# A failing webhook never fails the deploy.
set -euo pipefail

status="$1" environment="$2" version="$3"
if [[ -z "${DEPLOY_WEBHOOK_URL:-}" ]]; then
  echo "notify-deploy: DEPLOY_WEBHOOK_URL not set; not notifying" >&2
  exit 0
fi
case "$status" in
  started) icon=":rocket:" ;;
  succeeded) icon=":white_check_mark:" ;;
  failed) icon=":x:" ;;
  *) echo "notify-deploy: unknown status $status" >&2; exit 2 ;;
esac
run_url="${GITHUB_SERVER_URL:-}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
text="$icon Todo Chatbot $version to $environment: $status (<$run_url|run>)"
payload="$(python3 -c 'import json, sys; print(json.dumps({"text": sys.argv[1]}))' "$text")"
curl -fsS --max-time 10 --retry 2 -H 'Content-Type: application/json' -d "$payload" \
  "$DEPLOY_WEBHOOK_URL" >/dev/null || echo "notify-deploy: webhook failed (ignored)" >&2
