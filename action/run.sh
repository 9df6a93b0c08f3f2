#!/usr/bin/env bash
# Step 2 of the vmcp-gen GitHub Action (action.yml): validate (diagnostics as annotations on the
# lines to fix), render into output-dir, compare with diff-against, and write the job summary
# (the inspect table of each VirtualMCPServer). Inputs arrive as VMCP_* variables. Exits 1 on
# invalid input or differences, 2 on any other error (as vmcp-gen does).
set -euo pipefail

vmcp_gen=${VMCP_GEN:?the install step names no vmcp-gen}

for input in FLUX SKIP_INVALID_BACKENDS STRICT_REFS SUMMARY; do
  value=$(printenv "VMCP_$input" || true)
  if [[ -n "$value" && "$value" != true && "$value" != false ]]; then
    name=$(tr 'A-Z_' 'a-z-' <<< "$input")
    echo "::error title=vmcp-gen action::the $name input takes \"true\" or \"false\", not \"$value\""
    exit 2
  fi
done

# Multi-value inputs are split on spaces and new lines, without glob expansion.
read -r -d '' -a paths < <(printf '%s\0' "${VMCP_PATHS:-.}") || true
[[ ${#paths[@]} -gt 0 ]] || paths=(.)
read -r -d '' -a filter < <(printf '%s\0' "${VMCP_FILTER:-}") || true

input_flags=()
[[ -z "${VMCP_NAMESPACE:-}" ]] || input_flags+=(--namespace "$VMCP_NAMESPACE")
[[ "${VMCP_STRICT_REFS:-}" != true ]] || input_flags+=(--strict-refs)

# validate takes the flags that decide what is accepted, so it fails exactly when synth would.
check_flags=(${input_flags[@]+"${input_flags[@]}"})
for name in ${filter[@]+"${filter[@]}"}; do check_flags+=(--vmcp "$name"); done
[[ -z "${VMCP_IMAGE:-}" ]] || check_flags+=(--image "$VMCP_IMAGE")
[[ "${VMCP_SKIP_INVALID_BACKENDS:-}" != true ]] || check_flags+=(--skip-invalid-backends)
render_flags=(${check_flags[@]+"${check_flags[@]}"})
[[ "${VMCP_FLUX:-}" != true ]] || render_flags+=(--flux)

status=0
results=()
run() { # runs vmcp-gen, logging the command line
  echo "+ vmcp-gen $*"
  "$vmcp_gen" "$@"
}

if run validate "${paths[@]}" ${check_flags[@]+"${check_flags[@]}"} --diagnostics github; then
  results+=("| validate | passed |")
else
  status=$?
  results+=("| validate | failed (exit $status): see the annotations |")
fi

if [[ -n "${VMCP_OUTPUT_DIR:-}" && $status -eq 0 ]]; then
  if run synth "${paths[@]}" "${render_flags[@]}" --output-dir "$VMCP_OUTPUT_DIR" --diagnostics github; then
    results+=("| synth | rendered into \`$VMCP_OUTPUT_DIR\` |")
  else
    status=$?
    results+=("| synth | failed (exit $status) |")
  fi
fi

if [[ -n "${VMCP_DIFF_AGAINST:-}" && $status -eq 0 ]]; then
  diff_status=0
  run diff "${paths[@]}" "${render_flags[@]}" --against "$VMCP_DIFF_AGAINST" --diagnostics github || diff_status=$?
  case $diff_status in
    0)
      echo "differences=false" >> "$GITHUB_OUTPUT"
      results+=("| diff | \`$VMCP_DIFF_AGAINST\` is up to date |")
      ;;
    1)
      echo "differences=true" >> "$GITHUB_OUTPUT"
      echo "::error title=Rendered manifests are out of date::Run 'vmcp-gen synth ${paths[*]} --output-dir $VMCP_DIFF_AGAINST' (with the same flags) and commit $VMCP_DIFF_AGAINST."
      results+=("| diff | \`$VMCP_DIFF_AGAINST\` differs from the render: see the log |")
      status=1
      ;;
    *)
      results+=("| diff | failed (exit $diff_status) |")
      status=$diff_status
      ;;
  esac
fi

if [[ "${VMCP_SUMMARY:-true}" == true && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  # inspect prints the report even for invalid inputs; its problems are already annotated above.
  report=$("$vmcp_gen" inspect "${paths[@]}" ${input_flags[@]+"${input_flags[@]}"} 2>/dev/null || true)
  {
    echo "## vmcp-gen"
    echo
    echo "Inputs: \`${paths[*]}\`"
    echo
    echo "| step | result |"
    echo "|---|---|"
    printf '%s\n' "${results[@]}"
    echo
    if [[ -n "$report" ]]; then
      echo '```text'
      printf '%s\n' "$report"
      echo '```'
    else
      echo "No VirtualMCPServer in the inputs."
    fi
  } >> "$GITHUB_STEP_SUMMARY"
fi

exit "$status"
