#!/usr/bin/env python3
"""numpy's busday_offset and busday_count on the working-day bench's queries.

The same 10 million (date, k) pairs and 10 million (from, to) pairs as the criterion bench
`calendar/working_days` and `examples/working_days.rs` (the bench's 64-bit LCG, dates in
2020-2030, k in 1..30), against the state-agency calendar exported from the crate by
`cargo run --release --example working_days -- table 2019 2032` (the table of
`WorkCalendar::rows`).

Two numpy calendars:
- `exact`: every day of the week valid, and every day off of the table a holiday, so
  numpy answers exactly as the crate does (make-up Saturdays are working days);
- `weekmask`: Monday to Friday with the weekdays off as holidays, the usual numpy set-up;
  it cannot express a make-up Saturday, so a few answers differ from the crate's.

`busday_offset(d, k, roll="backward")` is the crate's `add_working_days(d, k)` for k > 0
(the k-th working day strictly after d), and `busday_count(a, b)` its
`working_days_between(a, b)`. The checksums are the bench's, so the exact calendar's must
equal the crate's (printed by `working_days time`).

numpy is timed array in, array out: `datetime64[D]` arrays built before the call, the
result array allocated by it. `working_days time` times the crate the same way, once one
query at a time (`add_working_days`, `working_days_between` on pre-built `NaiveDate`
pairs into a pre-allocated output) and once on columns (`add_working_days_date32`,
`working_days_between_date32` on pre-built `i32` days since 1970-01-01). Compare the
column figures with numpy's; the per-query ones say what the single query costs.

Run interleaved with the crate, e.g.:
    cargo build --release --example working_days
    target/release/examples/working_days table 2019 2032 > /tmp/table.csv
    for i in 1 2 3; do
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        python3 benches/compare/numpy_busday.py --runs 1 --table /tmp/table.csv
      target/release/examples/working_days time 10000000 1
    done
"""

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np

PAIRS = 10_000_000
SEED = 0x2024_0206
MUL = 6_364_136_223_846_793_005
INC = 1_442_695_040_888_963_407
MASK = (1 << 64) - 1
SPAN = 4018  # 2020-01-01 ..= 2030-12-31
FIRST = np.datetime64("2020-01-01", "D")


def lcg_states(seed, n, block=4096):
    """The first n states of the bench's LCG after `seed`, vectorised by blocks."""
    first = np.empty(block, dtype=np.uint64)
    s = seed
    for i in range(block):
        s = (s * MUL + INC) & MASK
        first[i] = s
    # The map s -> a*s + c applied `block` times is s -> A*s + C.
    a_block, c_block = 1, 0
    for _ in range(block):
        a_block, c_block = (a_block * MUL) & MASK, (c_block * MUL + INC) & MASK
    out = np.empty(((n + block - 1) // block) * block, dtype=np.uint64)
    out[:block] = first
    a_b, c_b = np.uint64(a_block), np.uint64(c_block)
    with np.errstate(over="ignore"):
        for start in range(block, len(out), block):
            out[start:start + block] = out[start - block:start] * a_b + c_b
    return out[:n]


def inputs(pairs):
    """The bench's inputs: (date, k) pairs, then (from, to) pairs."""
    draws = lcg_states(SEED, 4 * pairs) >> np.uint64(33)
    offs, rngs = draws[: 2 * pairs], draws[2 * pairs:]
    dates = FIRST + (offs[0::2] % np.uint64(SPAN)).astype(np.int64)
    ks = (1 + offs[1::2] % np.uint64(29)).astype(np.int64)
    a = FIRST + (rngs[0::2] % np.uint64(SPAN)).astype(np.int64)
    b = FIRST + (rngs[1::2] % np.uint64(SPAN)).astype(np.int64)
    return dates, ks, a, b


def table(path):
    """The crate's table: Date32 and working flag per day."""
    if path:
        text = open(path, encoding="utf-8").read()
    else:
        text = subprocess.run(
            ["cargo", "run", "--quiet", "--release", "--example", "working_days", "--",
             "table", "2019", "2032"],
            check=True, capture_output=True, text=True).stdout
    lines = text.splitlines()
    if not lines or lines[0] != "date32,date,working,working_ordinal":
        sys.exit(f"error: unexpected table header `{lines[0][:80] if lines else ''}`")
    rows = np.array([[int(x) for x in (l.split(",")[0], l.split(",")[2])] for l in lines[1:]])
    return rows[:, 0].astype("datetime64[D]"), rows[:, 1].astype(bool)


def checksum_dates(ends):
    years = ends.astype("datetime64[Y]")
    ordinal = (ends - years.astype("datetime64[D]")).astype(np.int64) + 1
    return int(np.sum((years.astype(np.int64) + 1970) * 512 + ordinal))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pairs", type=int, default=PAIRS)
    parser.add_argument("--table", help="the CSV of `working_days table` (default: run it)")
    args = parser.parse_args()

    days, working = table(args.table)
    calendars = {
        "exact": np.busdaycalendar(weekmask="1111111", holidays=days[~working]),
        "weekmask": np.busdaycalendar(
            weekmask="1111100",
            holidays=days[~working & ((days.astype(np.int64) + 3) % 7 < 5)]),
    }
    dates, ks, a, b = inputs(args.pairs)
    try:
        from threadpoolctl import threadpool_info
        blas = [(i.get("internal_api"), i.get("architecture")) for i in threadpool_info()]
    except ImportError:
        blas = "threadpoolctl not installed"
    print(f"numpy {np.__version__}, blas {blas}, {args.pairs} pairs, {args.runs} runs")
    for name, cal in calendars.items():
        add, between = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            ends = np.busday_offset(dates, ks, roll="backward", busdaycal=cal)
            add.append((time.perf_counter() - t) * 1e9 / args.pairs)
            t = time.perf_counter()
            counts = np.busday_count(a, b, busdaycal=cal)
            between.append((time.perf_counter() - t) * 1e9 / args.pairs)
        # numpy counts (to, from] when to < from, the crate [to, from): the same question
        # is the count between the earlier and the later date, signed. Checked untimed.
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        same = int((np.busday_count(lo, hi, busdaycal=cal) * np.sign(b - a).astype(np.int64)).sum())
        print(f"{name}: busday_offset median {statistics.median(add):.1f} ns "
              f"(runs {', '.join(f'{x:.1f}' for x in add)}; checksum {checksum_dates(ends)}), "
              f"busday_count median {statistics.median(between):.1f} ns "
              f"(runs {', '.join(f'{x:.1f}' for x in between)}; checksum as numpy counts "
              f"{int(counts.sum())}, as the crate counts {same})")


if __name__ == "__main__":
    main()
