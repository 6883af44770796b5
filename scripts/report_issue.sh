#!/usr/bin/env bash
# Keeps one GitHub issue in step with a scheduled check (links.yml, stale-prices.yml): opens it, or updates
# the open one, while the check finds problems; closes it when a run finds none.
#
#   scripts/report_issue.sh TITLE FOUND REPORT STILL CLEAR
#
# TITLE   the issue's exact title (how the open one is found)
# FOUND   "yes" when this run found problems, anything else when it found none
# REPORT  the run's Markdown report (the issue's body; cut to fit GitHub's 65,536 characters)
# STILL   the comment on an issue that stays open, e.g. "Still broken links"
# CLEAR   the comment that closes it, e.g. "Every external link answered"
# RUN_URL (environment) the workflow run's address; gh reads GH_TOKEN and GH_REPO.
set -euo pipefail
title=$1 found=$2 report=$3 still=$4 clear=$5
today="$(date -u +%F)"
number="$(gh issue list --state open --search "\"$title\" in:title" --json number,title \
  --jq "map(select(.title == \"$title\")) | .[0].number // empty")"
if [ "$found" = yes ]; then
  if [ "$(wc -c < "$report")" -gt 60000 ]; then
    head -c 60000 "$report" > "$report.cut" && mv "$report.cut" "$report"
    printf '\n\n… (cut here: the whole report is in the workflow run summary)' >> "$report"
  fi
  printf '\n\n[Workflow run](%s)\n' "$RUN_URL" >> "$report"
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file "$report"
    gh issue comment "$number" --body "$still in the check of $today: $RUN_URL"
  else
    gh issue create --title "$title" --body-file "$report"
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "$clear in the check of $today: $RUN_URL"
fi
