"""The yardstick's question (status per obligation as of a date, counted per body and
status) answered by Polars and by DuckDB from the same CSV files the `status_csv` example
reads, so that the three can be timed side by side on one machine.

    pip install polars duckdb
    python3 benches/compare/status_csv.py OBLIGATIONS.csv[.gz] SUBMISSIONS.csv[.gz] 2025-12-31 [EXPECTED.csv]

The crate's own figures come from the same files, side by side:

    cargo run --release --example status_csv -- OBLIGATIONS SUBMISSIONS 2025-12-31 > /dev/null
    cargo run --release --example csv_floor -- OBLIGATIONS SUBMISSIONS

Each engine runs three times; the script prints the best wall time and the process's CPU
time for that run, and checks each answer against EXPECTED.csv when it is given (the
bench README's `expected_1m.csv`). `POLARS_MAX_THREADS` and DuckDB's `threads` are set
to the machine's cores (override with THREADS=n).
"""

import os
import sys
import time

THREADS = int(os.environ.get("THREADS", os.cpu_count() or 1))
os.environ.setdefault("POLARS_MAX_THREADS", str(THREADS))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402


def polars_counts(obligations, submissions, as_of):
    as_of = pl.lit(as_of).str.to_date()
    subs = (
        pl.scan_csv(submissions, schema={"obligation_id": pl.UInt32, "submitted": pl.Date})
        .filter(pl.col("submitted") <= as_of)
        .group_by("obligation_id")
        .agg(pl.col("submitted").min().alias("first"))
    )
    obl = pl.scan_csv(
        obligations,
        schema={
            "obligation_id": pl.UInt32,
            "body_id": pl.UInt32,
            "period_id": pl.UInt32,
            "due_date": pl.Date,
        },
    )
    status = (
        pl.when(pl.col("first").is_not_null() & (pl.col("first") <= pl.col("due_date")))
        .then(pl.lit("on_time"))
        .when(pl.col("first").is_not_null())
        .then(pl.lit("late"))
        .when(pl.col("due_date") < as_of)
        .then(pl.lit("missing"))
        .otherwise(pl.lit("not_due"))
    )
    out = (
        obl.join(subs, on="obligation_id", how="left")
        .select(pl.col("body_id"), status.alias("status"))
        .group_by("body_id", "status")
        .agg(pl.len().alias("n"))
        .sort("body_id", "status")
        .collect()
    )
    return [(int(b), s, int(n)) for b, s, n in out.iter_rows()]


def duckdb_counts(obligations, submissions, as_of):
    con = duckdb.connect()
    con.execute(f"SET threads = {THREADS}")
    rows = con.execute(
        f"""
        WITH subs AS (
            SELECT obligation_id, min(submitted) AS first
            FROM read_csv('{submissions}', header = true,
                          columns = {{'obligation_id': 'UINTEGER', 'submitted': 'DATE'}})
            WHERE submitted <= DATE '{as_of}'
            GROUP BY obligation_id
        ), obl AS (
            SELECT * FROM read_csv('{obligations}', header = true,
                columns = {{'obligation_id': 'UINTEGER', 'body_id': 'UINTEGER',
                           'period_id': 'UINTEGER', 'due_date': 'DATE'}})
        )
        SELECT body_id,
               CASE WHEN first IS NOT NULL AND first <= due_date THEN 'on_time'
                    WHEN first IS NOT NULL THEN 'late'
                    WHEN due_date < DATE '{as_of}' THEN 'missing'
                    ELSE 'not_due' END AS status,
               count(*) AS n
        FROM obl LEFT JOIN subs USING (obligation_id)
        GROUP BY ALL ORDER BY body_id, status
        """
    ).fetchall()
    con.close()
    return [(int(b), s, int(n)) for b, s, n in rows]


def expected_counts(path):
    with open(path) as f:
        next(f)
        return [(int(b), s, int(n)) for b, s, n in (line.strip().split(",") for line in f)]


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    obligations, submissions, as_of = sys.argv[1:4]
    expected = expected_counts(sys.argv[4]) if len(sys.argv) == 5 else None
    for name, run in (("polars", polars_counts), ("duckdb", duckdb_counts)):
        best = None
        for _ in range(3):
            cpu, wall = time.process_time(), time.perf_counter()
            counts = run(obligations, submissions, as_of)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if expected is not None and counts != expected:
                sys.exit(f"{name}: the counts differ from {sys.argv[4]}")
            if best is None or wall < best[0]:
                best = (wall, cpu)
        print(f"{name}: wall {best[0] * 1e3:.0f} ms, cpu {best[1] * 1e3:.0f} ms (threads {THREADS})")


if __name__ == "__main__":
    main()
