#!/usr/bin/env python3
"""Aggregates `etalon eval --format json` results by a column of the input CSV (region, industry).

    etalon eval rules/kz --schema Enterprise --facts examples/kz/enterprises.csv --as-of 2025-12-01 --format json \\
        | python3 examples/kz/aggregate.py examples/kz/enterprises.csv region risk_profile
    etalon eval rules/kz --schema Enterprise --facts examples/kz/enterprises.csv --as-of 2025-12-01 --format json \\
        | python3 examples/kz/aggregate.py examples/kz/enterprises.csv oked_section current_risk_level
    etalon eval rules/kz --schema Family --facts examples/kz/families.csv --as-of 2025-12-01 --format json \\
        | python3 examples/kz/aggregate.py examples/kz/families.csv region wellbeing_level

Results are joined to the input rows by the `row` number that etalon prints (1 = first data row).
Prints one line per group: the number of records and the count of each result value
(`undetermined` where data were missing).
"""

import collections
import csv
import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    facts, group_by, result = sys.argv[1:]
    with open(facts, newline="", encoding="utf-8") as f:
        groups = [row[group_by] for row in csv.DictReader(f)]
    table = collections.defaultdict(collections.Counter)
    values = collections.Counter()
    for line in sys.stdin:
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        outcome = record["results"].get(result, {"outcome": "absent"})
        value = str(outcome["value"]) if outcome["outcome"] == "determined" else outcome["outcome"]
        table[groups[record["row"] - 1]][value] += 1
        values[value] += 1
    columns = [v for v, _ in values.most_common()]
    print("\t".join([group_by, "records"] + columns))
    for group in sorted(table):
        counts = table[group]
        print("\t".join([group, str(sum(counts.values()))] + [str(counts[c]) for c in columns]))
    print("\t".join(["total", str(sum(values.values()))] + [str(values[c]) for c in columns]))


if __name__ == "__main__":
    main()
