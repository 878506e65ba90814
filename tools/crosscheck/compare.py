#!/usr/bin/env python3
"""Compare independent.py output with the pipeline's export.

usage: compare.py INDEPENDENT.csv EXPORT.csv [--quiet]

Prints every (indicator, district, year) where numerator, denominator or value differ
(value: 1e-6 relative; a value withheld by disclosure control (empty, status C or D) is compared
only on numerator/denominator), then a per-indicator summary.
"""
import csv
import sys
from collections import Counter, defaultdict

REL = 1e-6
# disclosure statuses of a withheld value: small cell, secondary suppression
WITHHELD = ('C', 'D')


def num(s):
    if s is None:
        return None
    s = s.strip()
    if s == '':
        return None
    return float(s)


def close(a, b, rel=REL, abs_=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def read_rows(path):
    """{(indicator_id, district_code, year): row} of an independent.py output or a pipeline export."""
    with open(path, encoding='utf-8-sig') as f:
        return {(r['indicator_id'], r['district_code'], r['year']): r for r in csv.DictReader(f)}


def cell_difference(m, e):
    """How row e (a pipeline export row, or another independent.py output) differs from m, or None."""
    diffs = []
    for fld in ('numerator', 'denominator'):
        a, b = num(m[fld]), num(e[fld])
        if a is None or b is None:
            # a field that one side does not report is not a difference in itself
            continue
        if not close(a, b, 1e-9, 0.005):
            diffs.append(f'{fld} mine={m[fld]} pipeline={e[fld]}')
    mv, ev = num(m['value']), num(e['value'])
    withheld = ev is None and (e.get('disclosure_status') or '').strip() in WITHHELD
    if not withheld:
        if (mv is None) != (ev is None):
            diffs.append(f'value mine={m["value"]} pipeline={e["value"]}')
        elif mv is not None and not close(mv, ev):
            # accept a pipeline value that is ours rounded as presented (2 decimals or 4)
            if not any(abs(round(mv, nd) - ev) < 1e-9 for nd in (2, 4, 6)):
                diffs.append(f'value mine={m["value"]} pipeline={e["value"]}')
    return '; '.join(diffs) if diffs else None


def differences(mine, exp):
    """{key: description} of every cell where the two tables differ (a cell missing on one side included)."""
    out = {}
    for k in set(mine) | set(exp):
        m, e = mine.get(k), exp.get(k)
        if m is None:
            out[k] = f'only in pipeline export: value={e["value"]} num={e["numerator"]} den={e["denominator"]}'
        elif e is None:
            out[k] = f'missing from pipeline export (mine value={m["value"]} num={m["numerator"]} den={m["denominator"]})'
        else:
            d = cell_difference(m, e)
            if d:
                out[k] = d
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    quiet = '--quiet' in sys.argv
    mine_p, exp_p = args
    mine = read_rows(mine_p)
    exp = read_rows(exp_p)
    ids = sorted(set(k[0] for k in mine) | set(k[0] for k in exp))
    summ = defaultdict(Counter)
    lines = []
    for k in sorted(set(mine) | set(exp)):
        iid = k[0]
        m, e = mine.get(k), exp.get(k)
        if m is None:
            summ[iid]['only_pipeline'] += 1
            lines.append(f'{k}: only in pipeline export: value={e["value"]} num={e["numerator"]} den={e["denominator"]}')
            continue
        if e is None:
            summ[iid]['only_mine'] += 1
            lines.append(f'{k}: missing from pipeline export (mine value={m["value"]} num={m["numerator"]} den={m["denominator"]})')
            continue
        d = cell_difference(m, e)
        withheld = num(e['value']) is None and (e.get('disclosure_status') or '').strip() in WITHHELD
        if d:
            summ[iid]['mismatch'] += 1
            lines.append(f'{k}: ' + d +
                         f'  [q={e.get("quality_status", "")} disc={e.get("disclosure_status", "")}]')
        else:
            summ[iid]['match'] += 1
            if withheld:
                summ[iid]['match(withheld: num/den only)'] += 1
    if not quiet:
        for l in lines:
            print(l)
    print()
    print(f'{"indicator":28s} {"match":>6s} {"mismatch":>8s} {"only_pipe":>9s} {"only_mine":>9s} {"withheld":>8s}')
    tot = Counter()
    for iid in ids:
        c = summ[iid]
        tot.update(c)
        print(f'{iid:28s} {c["match"]:6d} {c["mismatch"]:8d} {c["only_pipeline"]:9d} {c["only_mine"]:9d} '
              f'{c["match(withheld: num/den only)"]:8d}')
    print(f'{"TOTAL":28s} {tot["match"]:6d} {tot["mismatch"]:8d} {tot["only_pipeline"]:9d} {tot["only_mine"]:9d} '
          f'{tot["match(withheld: num/den only)"]:8d}')


if __name__ == '__main__':
    main()
