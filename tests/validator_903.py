"""Runs the DfE's SSDA903 validator (csc-validator-be-903) on a Missing table.

    python validator_903.py MISSING.csv --year 2016-17 [--last LAST_YEAR.csv]

The file goes through the validator's own reading (lac_validator.ingress via
LacValidator, as the DfE's tool reads an upload) and every rule of the year's
lac_validator.rules registry that reads the Missing table. The rules that
also read the Header or Episodes table (or last year's Missing) get tables
built from the export that agree with it: a Header with each child's first
date of birth, and one care episode per child, open, from the earliest date
in its rows. So only the rules on the Missing table itself can fire; the
others need data ri-chase does not hold (care episodes), and the JSON lists
them as "context_only". With --last (the year before's Missing table, as
ri-chase exported it) rule 576 judges the two returns together.

Prints JSON: {"ruleset", "rules_run", "context_only", "failed", "skipped",
"breaches": [{"rule", "table", "row", "CHILD", "MIS_START", "MIS_END"}]},
rows numbered from 0 (the first row after the header). Exit 0 when it ran,
whatever it found; 1 when a rule could not run or the file could not be read.
"""

import argparse
import csv
import importlib
import inspect
import io
import json
import logging
import os
import sys
from datetime import datetime

# The validator logs every rule at INFO; only the JSON goes to stdout.
logging.disable(logging.CRITICAL)
os.environ.setdefault("QLACREF_PC_INSECURE", "True")

from lac_validator import lac_validator  # noqa: E402
from lac_validator.config import column_names  # noqa: E402

# Rules that read the Missing table but judge it against other tables; with
# the tables built here they can never fire on our export.
CONTEXT_ONLY = {
    "575": "Episodes (care episodes: when a placement ended)",
    "576": "Missing_last (last year's return)",
    "577": "Episodes (when the child ceased to be looked after)",
    "578": "Episodes (periods of care)",
    "580": "Episodes (reason an episode ceased, E8)",
    "581": "Episodes (when the child started to be looked after)",
    "1012": "Episodes (children with a care episode in the year)",
    "INT04": "Header (the child's record)",
}


def ruleset_for(start_year):
    """The registry of the collection year, or the nearest year the package has."""
    import lac_validator.rules as rules_pkg

    years = sorted(
        int(name[3:7])
        for name in os.listdir(list(rules_pkg.__path__)[0])
        if name.startswith("lac") and name[3:7].isdigit()
    )
    chosen = min(years, key=lambda y: (abs(y - start_year), y))
    name = f"lac{chosen}_{(chosen + 1) % 100:02d}"
    return name, importlib.import_module(f"lac_validator.rules.{name}").registry


def reads_missing(rule):
    tables = [t.lower() for t in (rule.tables or []) if isinstance(t, str)]
    try:
        source = inspect.getsource(rule.func)
    except (OSError, TypeError):
        source = ""
    return "missing" in tables or '"Missing"' in source


def as_csv(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def parse(text):
    try:
        return datetime.strptime(text, "%d/%m/%Y")
    except (TypeError, ValueError):
        return None


def context_tables(missing_bytes, collection_start):
    """A Header and an Episodes table that agree with the Missing table."""
    reader = csv.DictReader(io.StringIO(missing_bytes.decode("utf-8")))
    first_dob, earliest = {}, {}
    for row in reader:
        child = (row.get("CHILD") or "").upper()
        if not child:
            continue
        first_dob.setdefault(child, row.get("DOB") or "")
        for d in (parse(row.get("MIS_START")), parse(row.get("MIS_END"))):
            if d and (child not in earliest or d < earliest[child]):
                earliest[child] = d
    header_cols = column_names["Header"]
    header = [[{"CHILD": c, "DOB": dob}.get(col, "") for col in header_cols] for c, dob in first_dob.items()]
    ep_cols = column_names["Episodes"]
    episodes = []
    for child in first_dob:
        decom = min(earliest.get(child, collection_start), collection_start).strftime("%d/%m/%Y")
        episodes.append([{"CHILD": child, "DECOM": decom, "RNE": "S"}.get(col, "") for col in ep_cols])
    return as_csv(header_cols, header), as_csv(ep_cols, episodes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("missing")
    ap.add_argument("--year", required=True, help="the collection year, e.g. 2016-17")
    ap.add_argument("--last", help="last year's Missing table, for rule 576")
    args = ap.parse_args()
    start_year = int(args.year[:4])
    with open(args.missing, "rb") as f:
        missing_bytes = f.read()
    header_bytes, episodes_bytes = context_tables(missing_bytes, datetime(start_year, 4, 1))

    ruleset, registry = ruleset_for(start_year)
    selected = {code: rule for code, rule in registry.items() if reads_missing(rule)}
    files = [
        {"name": "missing.csv", "file_content": missing_bytes, "description": "This year"},
        {"name": "header.csv", "file_content": header_bytes, "description": "This year"},
        {"name": "episodes.csv", "file_content": episodes_bytes, "description": "This year"},
    ]
    context_only = dict(CONTEXT_ONLY)
    if args.last:
        with open(args.last, "rb") as f:
            files.append({"name": "missing_last.csv", "file_content": f.read(), "description": "Prev year"})
        del context_only["576"]
    # The validator's metadata: collectionYear is the year the collection ends.
    metadata = {"collectionYear": str(start_year + 1), "localAuthority": "E09000027"}
    try:
        v = lac_validator.LacValidator(metadata=metadata, files=files, registry=selected)
    except Exception as e:  # the file could not be read as a 903 table
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        return 1
    missing = v.ds_results["Missing"]
    breaches = []
    for code in sorted(selected):
        for table in ("Missing", "Header", "Episodes"):
            df = v.ds_results.get(table)
            col = f"ERR_{code}"
            if df is None or col not in df.columns:
                continue
            for row in df.index[df[col] == True].tolist():  # noqa: E712
                rec = {"rule": code, "table": table, "row": int(row), "CHILD": str(df.at[row, "CHILD"])}
                if table == "Missing":
                    for k in ("MIS_START", "MIS_END"):
                        val = missing.at[row, k]
                        rec[k] = "" if val != val else str(val)  # NaN is blank
                breaches.append(rec)
    breaches.sort(key=lambda b: (b["table"], b["row"], b["rule"]))
    report = {
        "ruleset": ruleset,
        "rules_run": sorted(selected),
        "context_only": {c: why for c, why in context_only.items() if c in selected},
        "failed": sorted(v.fails),
        "skipped": sorted(v.skips),
        "breaches": breaches,
    }
    print(json.dumps(report, indent=1))
    return 1 if v.fails else 0


if __name__ == "__main__":
    sys.exit(main())
