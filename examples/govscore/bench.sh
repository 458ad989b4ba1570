#!/usr/bin/env bash
# Side-by-side benchmark of the govscore command (govscore score, JSON
# report) against the anchors of the
# shared benchmark kit (../shared/bench): DuckDB and the naive Go loop, on
# files written by its gen.py, in one run. Tools alternate within each
# round, so that a slow spell of the machine hits all of them, and the
# round's first tool changes from round to round. Each file is read once
# before its rounds, so that no tool pays for reading it from disk: a
# machine may drop files from its page cache when they are not read for
# a minute (this one's DAMON does), and the first tool to read one again
# would wait for the disk. The table gives the median wall time and the
# largest peak RSS of each, and each tool's time as a multiple of
# DuckDB's.
#
# Usage: examples/govscore/bench.sh [ROUNDS] [ROWS...]
#   ROUNDS  rounds per file (default 3)
#   ROWS    row counts of the gen.py files (default 5000000 10000000)
# Environment: BENCH_DIR for the generated files and tools (default
# /tmp/govscore-bench), SHARED for the shared kit (default ../shared from
# the repository's root).
#
# Needs python3, node and npm (DuckDB's node package is installed from the
# npm registry into BENCH_DIR), Go, and /usr/bin/time (Debian package time).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$(cd "$root/../shared" && pwd)}
dir=${BENCH_DIR:-/tmp/govscore-bench}
rounds=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000000 10000000)
asof=2026-01-01T00:00:00+03:00
mkdir -p "$dir"

# Tools, built once.
(cd "$root" && go build -o "$dir/govscore" ./examples/govscore)
(cd "$shared/bench/naive" && go build -o "$dir/naive" .)
if [ ! -d "$dir/duckdb/node_modules" ]; then
	rm -rf "$dir/duckdb" && cp -r "$shared/bench/duckdb" "$dir/duckdb"
	(cd "$dir/duckdb" && npm ci --silent)
fi

results="$dir/results.tsv"
printf 'rows\ttool\tround\twall_s\trss_kb\n' >"$results"
for n in "${sizes[@]}"; do
	file="$dir/gen_$n.csv"
	[ -s "$file" ] || python3 "$shared/bench/gen.py" "$n" "$file"
	cat "$file" >/dev/null # into the page cache: see above
	tools=(govscore duckdb naive)
	for r in $(seq 1 "$rounds"); do
		for tool in "${tools[@]}"; do
			case $tool in
			govscore) cmd=("$dir/govscore" score -as-of "$asof" -format json "$file") ;;
			duckdb) cmd=(node "$dir/duckdb/score.mjs" "$file" "$dir/out_duckdb.csv") ;;
			naive) cmd=("$dir/naive" "$file" "$dir/out_naive.csv") ;;
			esac
			/usr/bin/time -v -o "$dir/time.txt" "${cmd[@]}" >"$dir/out_$tool" 2>"$dir/err_$tool" || {
				echo "$tool failed on $file:" >&2
				cat "$dir/err_$tool" >&2
				exit 1
			}
			wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(k=1;k<=n;k++) s=s*60+a[k]; print s}' "$dir/time.txt")
			rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$dir/time.txt")
			printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$r" "$wall" "$rss" >>"$results"
			printf '%s rows, round %s: %-8s %6.2f s %7.0f MB\n' "$n" "$r" "$tool" "$wall" "$((rss / 1024))" >&2
		done
		tools=("${tools[@]:1}" "${tools[0]}") # the next round starts with the next tool
	done
done

python3 - "$results" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| rows | tool | median wall, s | walls, s | × DuckDB | × DuckDB, round by round | peak RSS, MB |")
print("|---:|---|---:|---|---:|---:|---:|")
for n in sorted({int(r["rows"]) for r in rows}):
    walls, rss = {}, {}
    for tool in ("govscore", "duckdb", "naive"):
        rs = [r for r in rows if int(r["rows"]) == n and r["tool"] == tool]
        walls[tool] = [float(r["wall_s"]) for r in rs]
        rss[tool] = max(int(r["rss_kb"]) for r in rs) / 1024
    duck = statistics.median(walls["duckdb"])
    for tool in ("govscore", "duckdb", "naive"):
        med = statistics.median(walls[tool])
        # The median of each round's ratio: the tools of a round run
        # back to back, so a slow spell of the machine weighs on both.
        rounds = statistics.median(w / d for w, d in zip(walls[tool], walls["duckdb"]))
        print(f"| {n:,} | {tool} | {med:.2f} | {', '.join(f'{w:.2f}' for w in walls[tool])} | {med / duck:.2f} | {rounds:.2f} | {rss[tool]:.0f} |")
EOF
