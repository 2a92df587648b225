#!/usr/bin/env bash
# `npm run mutation [file…]`: StrykerJS on the core files (stryker.config.mjs's mutate list, or the files given),
# one file at a time so that each keeps its own incremental results; then the score of each file.
# Reports: .local-aws/test-results/mutation/<file>/index.html; incremental results: .local-aws/mutation/<file>.json.
# MUTATION_FORCE=1 tests every mutant again: an incremental run never retests a surviving mutant of module-level
# code (a constant, a pattern) when tests are added, since Stryker cannot tell which tests cover it.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(node -e "import('./stryker.config.mjs').then((c) => console.log(c.default.mutate.join('\n')))")
fi
status=0
for file in "${files[@]}"; do
  name=$(echo "$file" | tr '/' '_' | sed 's/\.ts$//')
  started=$(date +%s)
  echo "== $file"
  MUTATION_INCREMENTAL_FILE=".local-aws/mutation/$name.json" \
    MUTATION_REPORT_DIR=".local-aws/test-results/mutation/$name" \
    npx stryker run stryker.config.mjs --mutate "$file" ${MUTATION_FORCE:+--force} || status=1
  echo "$file took $(($(date +%s) - started)) s"
done
node test/mutation/scores.mjs "${files[@]}"
exit $status
