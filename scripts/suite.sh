# Sourced by the test scripts. `suite NAME COMMAND...` runs one suite under a heading and
# counts it and times it; `suites_summary [LABEL]` prints each suite's time, names the failed
# suites, prints "[LABEL ]N passed, M failed" and returns non-zero if any failed.
passed=0
failed_suites=()
suite_times=()

suite() {
  local name=$1
  shift
  echo
  echo "══ $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
  else
    failed_suites+=("$name")
  fi
  suite_times+=("$(printf '%6ss  %s' $((SECONDS - start)) "$name")")
}

suites_summary() {
  printf '%s\n' "${suite_times[@]}"
  if [ ${#failed_suites[@]} -gt 0 ]; then
    printf 'failed suite: %s\n' "${failed_suites[@]}"
  fi
  echo "${1:+$1 }$passed passed, ${#failed_suites[@]} failed"
  [ ${#failed_suites[@]} -eq 0 ]
}
