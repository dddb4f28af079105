# Sourced by run-tests.sh and test-live.sh: the closing line CI tools read, from a mocha log.
# mocha_summary LOG -> "N passed, N failed, N skipped"
mocha_summary() {
  local passed failed skipped
  passed=$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$1" | tail -n1)
  failed=$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$1" | tail -n1)
  skipped=$(sed -n 's/^ *\([0-9][0-9]*\) pending.*/\1/p' "$1" | tail -n1)
  echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
}
