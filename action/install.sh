#!/usr/bin/env bash
# Step 1 of the vmcp-gen GitHub Action (action.yml): a vmcp-gen executable for step 2, as the
# step output `path`. The one named by the vmcp-gen input; on Linux (x64, arm64) the single-file
# executable of the release, checked against the release's SHA256SUMS and kept in the runner's
# tool cache; elsewhere the npm package.
set -euo pipefail

fail() {
  echo "::error title=vmcp-gen action::$1"
  exit 1
}

if [[ -n "${VMCP_GEN_EXECUTABLE:-}" ]]; then
  [[ -x "$VMCP_GEN_EXECUTABLE" ]] || fail "the vmcp-gen input names no executable file: $VMCP_GEN_EXECUTABLE"
  exe=$(realpath "$VMCP_GEN_EXECUTABLE")
else
  version=${VMCP_GEN_VERSION:-}
  if [[ -z "$version" ]]; then
    version=$(sed -n 's/^  "version": "\([^"]*\)",$/\1/p' "$GITHUB_ACTION_PATH/package.json" | head -n 1)
  fi
  version=${version#v}
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "not a vmcp-gen version: ${version:-<empty>}"
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) arch=amd64 ;;
    Linux/aarch64 | Linux/arm64) arch=arm64 ;;
    *) arch="" ;;
  esac
  if [[ -n "$arch" ]]; then
    dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/vmcp-gen/$version/$arch"
    if [[ ! -x "$dir/vmcp-gen" ]]; then
      release="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_ACTION_REPOSITORY:-stacklok/vmcp-gen}/releases/download/v$version"
      tmp=$(mktemp -d)
      trap 'rm -rf "$tmp"' EXIT
      for file in "vmcp-gen-linux-$arch" SHA256SUMS; do
        curl --fail --silent --show-error --location --retry 3 --output "$tmp/$file" "$release/$file" || fail "could not download $release/$file"
      done
      (cd "$tmp" && grep -E "^[0-9a-f]{64}  vmcp-gen-linux-$arch\$" SHA256SUMS | sha256sum --check --strict --quiet -) || fail "vmcp-gen-linux-$arch does not match the release's SHA256SUMS"
      mkdir -p "$dir"
      install -m 0755 "$tmp/vmcp-gen-linux-$arch" "$dir/vmcp-gen"
    fi
    exe="$dir/vmcp-gen"
  else
    npm install --global --no-audit --no-fund "vmcp-gen@$version" >&2 || fail "could not install vmcp-gen@$version from npm"
    exe=$(command -v vmcp-gen)
  fi
fi

echo "vmcp-gen $("$exe" --version) at $exe"
echo "path=$exe" >> "$GITHUB_OUTPUT"
