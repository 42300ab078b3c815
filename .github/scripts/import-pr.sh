#!/bin/sh
# Commit what `guideline import issue` wrote to the branch import/issue-NUMBER and open its pull
# request, or, when the issue is imported again, replace the branch and update the same request.
# Usage: import-pr.sh NUMBER TITLE REPORT   (run in the checkout, after a successful import)
set -eu
number=$1 title=$2 report=$3
branch="import/issue-$number"
file=$(git ls-files --others --exclude-standard -- cases guideline | head -n 1)
test -n "$file" || { echo "导入没有生成新文件。" >&2; exit 1; }
# The bot's commit is credited to the organisation the file belongs to (guideline credits reads this trailer).
org=$(sed -n 's/^org: *//p' "$file" | head -n 1)
git switch -q -C "$branch"
git add -- "$file"
git commit -q -m "导入投稿 #$number：$title" --trailer "Guideline-Org: $org"
git push -q --force origin "$branch"
body=$(mktemp)
{
  echo "由 #$number 自动转换（再次导入会更新本合并请求）。请按合并请求模板中的审阅清单审阅；审阅通过后合并即可。"
  echo
  echo "Closes #$number"
  echo
  echo '```text'
  cat "$report"
  echo '```'
} > "$body"
if gh pr view "$branch" --json state --jq .state 2>/dev/null | grep -qx OPEN; then
  gh pr edit "$branch" --title "导入投稿 #$number：$title" --body-file "$body"
else
  gh pr create --base main --head "$branch" --title "导入投稿 #$number：$title" --body-file "$body"
fi
