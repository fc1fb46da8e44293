#!/usr/bin/env bash
# Fuzzes the rule language's front end (lexer, parser, checker, compiler, test runner, formatter)
# with libFuzzer. See fuzz/FuzzCompile.swift for the properties it checks.
#
# Usage: scripts/fuzz.sh [--ci] [--seconds N] [-- extra libFuzzer flags…]
#   --ci          a short run (60 s) for CI
#   --seconds N   fuzz for N seconds (default 600; --ci sets 60)
#
# Builds .build-fuzz/fuzz-compile with swiftc directly: SwiftPM's executable entry point does not
# mix with -sanitize=fuzzer, so the RuleDSL sources and the fuzz entry point are compiled together
# as one module (internal names are visible, no @testable needed). The working corpus is
# .build-fuzz/corpus (grows between runs); the committed seeds in fuzz/corpus are only read and
# copied into it. Crashing inputs go to .build-fuzz/artifacts/.
#
# Exit status: 0 when the run ends without a crash; non-zero on a crash, a timeout, an
# out-of-memory or a build failure. If this toolchain cannot build libFuzzer targets the script
# fails, except with --ci and ETALON_FUZZ_OPTIONAL=1, when it says why and exits 0.
#
# Reproduce a crash:   .build-fuzz/fuzz-compile .build-fuzz/artifacts/crash-…
# Minimise it:         .build-fuzz/fuzz-compile -minimize_crash=1 -runs=20000 \
#                        -exact_artifact_path=/tmp/min.rules .build-fuzz/artifacts/crash-…
set -euo pipefail

cd "$(dirname "$0")/.."

ci=0
seconds=600
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1; seconds=60; shift ;;
    --seconds)
      [ $# -ge 2 ] || { echo "fuzz.sh: --seconds needs a number" >&2; exit 2; }
      seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#--seconds=}"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz.sh: unknown argument ‘$1’ (usage: scripts/fuzz.sh [--ci] [--seconds N] [-- libFuzzer flags])" >&2; exit 2 ;;
  esac
done
case "$seconds" in
  ''|*[!0-9]*) echo "fuzz.sh: --seconds needs a whole number of seconds, got ‘$seconds’" >&2; exit 2 ;;
esac

out=.build-fuzz
binary="$out/fuzz-compile"
corpus="$out/corpus"
artifacts="$out/artifacts"
mkdir -p "$out" "$corpus" "$artifacts"

# Without libFuzzer this script cannot do its job: fail, unless CI said fuzzing is optional.
unavailable() {
  echo "fuzz.sh: cannot build a libFuzzer target: $1" >&2
  if [ "$ci" -eq 1 ] && [ "${ETALON_FUZZ_OPTIONAL:-}" = "1" ]; then
    echo "fuzz.sh: skipping the fuzzing run (--ci with ETALON_FUZZ_OPTIONAL=1)" >&2
    exit 0
  fi
  exit 1
}

command -v swiftc >/dev/null 2>&1 || unavailable "swiftc is not on PATH"

# The same language settings as the RuleDSL target in Package.swift.
swift_flags=(
  -swift-version 6
  -enable-upcoming-feature ExistentialAny
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault
  -sanitize=fuzzer,address
  -parse-as-library
  -O -g
)

# Probe: can this toolchain link a libFuzzer target? Prefer lld (the default gold linker prints
# thousands of warnings about ASan's local symbols) and fall back to the default linker.
probe_dir="$(mktemp -d)"
trap 'rm -rf "$probe_dir"' EXIT
cat >"$probe_dir/probe.swift" <<'EOF'
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { 0 }
EOF
linker=()
if swiftc -sanitize=fuzzer,address -parse-as-library -use-ld=lld "$probe_dir/probe.swift" \
     -o "$probe_dir/probe" >"$probe_dir/probe.log" 2>&1; then
  linker=(-use-ld=lld)
elif ! swiftc -sanitize=fuzzer,address -parse-as-library "$probe_dir/probe.swift" \
     -o "$probe_dir/probe" >"$probe_dir/probe.log" 2>&1; then
  reason="$(grep -m1 -i 'error' "$probe_dir/probe.log" || head -n1 "$probe_dir/probe.log")"
  unavailable "swiftc -sanitize=fuzzer,address failed on a trivial target (${reason:-no output}); $(swiftc --version 2>&1 | head -n1)"
fi

# Rebuild when a RuleDSL source, the entry point or this script is newer than the binary.
sources=()
while IFS= read -r f; do sources+=("$f"); done < <(find Sources/RuleDSL -name '*.swift' | LC_ALL=C sort)
if [ ! -x "$binary" ] || [ -n "$(find Sources/RuleDSL fuzz/FuzzCompile.swift "$0" -newer "$binary" -print -quit)" ]; then
  echo "fuzz.sh: building $binary from ${#sources[@]} RuleDSL sources + fuzz/FuzzCompile.swift"
  swiftc "${swift_flags[@]}" "${linker[@]}" -module-name RuleDSL \
    "${sources[@]}" fuzz/FuzzCompile.swift -o "$binary.tmp"
  mv "$binary.tmp" "$binary"
fi

# The committed seeds are read-only input: copy them into the working corpus.
cp fuzz/corpus/* "$corpus/"

if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null 2>&1; then
  export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer)"
fi

log="$out/last-run.log"
echo "fuzz.sh: fuzzing for ${seconds}s (corpus $corpus, crashes to $artifacts/, log $log)"
# The full output goes to the log; the terminal gets it without the NEW/REDUCE lines.
set +e
"$binary" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/rules.dict -artifact_prefix="$artifacts/" -print_final_stats=1 \
  ${extra[@]+"${extra[@]}"} "$corpus" 2>&1 | tee "$log" | grep --line-buffered -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)[[:space:]]|# Uses: [0-9]+$'
status="${PIPESTATUS[0]}"
set -e

if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: FAILED (libFuzzer exit status $status)" >&2
  grep -E 'Test unit written to|ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|SUMMARY' "$log" >&2 || true
  crash="$(grep -o 'Test unit written to .*' "$log" | tail -n1 | sed 's/^Test unit written to //')"
  if [ -n "$crash" ]; then
    echo "fuzz.sh: crashing input: $crash" >&2
    echo "fuzz.sh: reproduce with: $binary $crash" >&2
  fi
  exit "$status"
fi
echo "fuzz.sh: no crash in ${seconds}s"
