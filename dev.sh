#!/usr/bin/env bash
# The project's one entry point. Every command first installs what is missing
# (Debian and npm packages only, idempotent), configures and builds, then:
#   ./dev.sh serve    generate the book and serve it at http://127.0.0.1:${PORT:-8000}
#   ./dev.sh test     run the whole test suite through CTest, then again under ASan+UBSan
#                     with the fuzz targets (the asan preset, build/asan)
#   ./dev.sh bench    print the benchmark figures
#   ./dev.sh traces   re-run the native examples under strace and re-record content/ traces
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  build-essential cmake pkg-config git
  libcmark-gfm-dev libcmark-gfm-extensions-dev catch2
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libcpp-httplib-dev libtree-sitter-dev
  emscripten binaryen node-acorn
  strace chromium fonts-dejavu-core fonts-noto-color-emoji
  python3 wrk
  mkdocs mkdocs-material python3-pymdownx libssl-dev
  clang-14 libclang-rt-14-dev llvm-14 clang-format
  libstemmer-dev libdeflate-dev libjemalloc-dev libxxhash-dev libsimdjson-dev
)
# Only `./dev.sh bench` needs these: the other generators we compare ours with, side by side
# (MkDocs is in the list above: the test suite compares our output with its output, and the
# build takes its emoji shortcode index from python3-pymdownx).
BENCH_APT_PACKAGES=(hugo pandoc)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_deps() {
  local missing=()
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "Installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  command -v node >/dev/null || { echo "dev.sh: Node.js is required (node, npm)"; exit 1; }
  # Reinstall node packages only when the lock file changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (no install scripts, no browser downloads)"
    npm ci --ignore-scripts --no-audit --no-fund
  fi
}

build() {
  say "Configuring and building"
  cmake --preset default >/dev/null
  cmake --build --preset default
}

cmd=${1:-serve}
case "$cmd" in
  serve)  install_deps; build; say "Serving on http://127.0.0.1:${PORT:-8000} (Ctrl-C stops)"
          exec build/serve.sh ;;
  test)   install_deps; build; say "Running the test suite"
          ctest --preset default  # a failure ends here (set -e), its summary last
          say "Again under AddressSanitizer + UBSan (build/asan), then each fuzz target for 60 s"
          cmake --preset asan >/dev/null
          cmake --build --preset asan
          exec ctest --preset asan ;;
  bench)  install_deps "${BENCH_APT_PACKAGES[@]}"; build; exec cmake --build --preset default --target bench ;;
  traces) install_deps; build; exec cmake --build --preset default --target traces ;;
  *) echo "usage: ./dev.sh serve|test|bench|traces" >&2; exit 2 ;;
esac
