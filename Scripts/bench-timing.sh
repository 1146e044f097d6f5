# Sourced by the benchmark scripts: whole-process timings taken side by side with their yardsticks,
# so that a figure and its yardstick see the same load (the ratio is what counts on a shared machine).
# Times come from bash's $EPOCHREALTIME (no process is started to read the clock).
export LC_ALL=C

# Microseconds since the epoch.
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# side_by_side N CMD_A CMD_B ...: runs each command (a string for eval, output discarded) once per
# round, N rounds, the commands interleaved; sets BEST[i] and MEDIAN[i] (milliseconds, two decimals)
# for the i-th command.
side_by_side() {
  local rounds=$1; shift
  local -a commands=("$@") samples=()
  local round i t0 t1
  for ((round = 0; round < rounds; round++)); do
    for i in "${!commands[@]}"; do
      t0=$(now_us); eval "${commands[$i]}" >/dev/null 2>&1; t1=$(now_us)
      samples[$i]+="$((t1 - t0)) "
    done
  done
  BEST=(); MEDIAN=()
  for i in "${!commands[@]}"; do
    read -r BEST[$i] MEDIAN[$i] < <(tr ' ' '\n' <<<"${samples[$i]}" | grep . | sort -n |
      awk '{ a[NR] = $1 } END { printf "%.2f %.2f\n", a[1] / 1000, a[int((NR + 1) / 2)] / 1000 }')
  done
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

# hello_binary DIR: builds (once) a static "hello, world" Swift binary that links Foundation
# statically, the start-up yardstick of `cpsledger --help`; prints its path.
hello_binary() {
  local dir=$1
  mkdir -p "$dir"
  if [ ! -x "$dir/hello" ]; then
    printf 'import Foundation\nprint("hello, world: \\(ProcessInfo.processInfo.arguments.count)")\n' >"$dir/hello.swift"
    if ! swiftc -O -static-stdlib "$dir/hello.swift" -o "$dir/hello" >/dev/null 2>&1; then
      echo "note: this toolchain cannot link Foundation statically; the hello-world yardstick is linked dynamically" >&2
      swiftc -O "$dir/hello.swift" -o "$dir/hello" >/dev/null
    fi
  fi
  echo "$dir/hello"
}
