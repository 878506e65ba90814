#!/usr/bin/env python3
"""Check the export's disclosure_status and target_met against the publication rules of
indicator-definitions.md, using the independent numbers.

usage: check_publication.py INDEPENDENT.csv EXPORT.csv
"""
import csv
import re
import sys
from collections import Counter

COUNT_IDS = {'T2-13', 'T2-14', 'T2-25', 'S-01'}
RATE_IDS = {'T2-03', 'T2-06', 'T2-07', 'T2-09a', 'T2-09b', 'T2-09c', 'T2-21', 'T2-26', 'T2-27', 'T2-44', 'T2-45',
            'T1-03', 'T2-02'}
DEATH_IDS = {'T2-18', 'T2-20'}


def f(s):
    s = (s or '').strip()
    return None if s == '' else float(s)


def expected_disclosure(iid, num, den, deaths_all=None):
    if iid in COUNT_IDS:
        return 'C' if num is not None and 1 <= num <= 4 else 'published'
    if iid in RATE_IDS:
        return 'C' if any(x is not None and 1 <= x <= 4 for x in (num, den)) else 'published'
    if iid in DEATH_IDS:
        return 'C' if deaths_all is not None and deaths_all < 20 else 'published'
    return 'published'


def target_met(target, value, iid):
    if value is None or not target:
        return ''
    t = target.strip()
    m = re.fullmatch(r'>\s*([\d.]+)', t)
    if m:
        return str(value > float(m.group(1))).lower()
    m = re.fullmatch(r'<\s*([\d.]+)', t)
    if m:
        return str(value < float(m.group(1))).lower()
    m = re.fullmatch(r'(?:保持在)?([\d.]+)以上', t)
    if m:
        return str(value >= float(m.group(1))).lower()
    m = re.fullmatch(r'[\d.]+', t)
    if m:
        return str(value >= float(t)).lower()
    return '?'


def main():
    mine_p, exp_p = sys.argv[1:3]
    mine = {(r['indicator_id'], r['district_code'], r['year']): r for r in csv.DictReader(open(mine_p, encoding='utf-8'))}
    rows = list(csv.DictReader(open(exp_p, encoding='utf-8-sig')))
    # deaths behind T2-18: for the withholding rule, take "the deaths behind them" = all deaths for T2-20;
    # for T2-18 report both readings (NCD deaths 30-69, and all deaths).
    bad = Counter()
    for e in rows:
        k = (e['indicator_id'], e['district_code'], e['year'])
        m = mine.get(k)
        if m is None:
            continue
        iid = k[0]
        num, den = f(m['numerator']), f(m['denominator'])
        deaths_all = f(mine[('T2-20',) + k[1:]]['numerator']) if iid in DEATH_IDS else None
        exp_d = expected_disclosure(iid, num, den, deaths_all)
        alt = None
        if iid == 'T2-18':
            alt = expected_disclosure(iid, num, den, num)  # deaths = NCD deaths 30-69
        got = e['disclosure_status'].strip()
        if got != exp_d and got != alt:
            bad[('disclosure', iid)] += 1
            print(f'disclosure {k}: export={got} expected={exp_d}' + (f' (alt reading {alt})' if alt else '') +
                  f' num={num} den={den} value={e["value"]}')
        if got == 'C' and iid == 'T2-18' and exp_d != alt:
            bad[('T2-18 reading', 'NCD deaths<20' if got == alt else 'all deaths<20')] += 1
        tm = target_met(e['target_2025'], f(m['value']), iid)
        if tm != e['target_met'].strip():
            bad[('target_met', iid)] += 1
            print(f'target_met {k}: export={e["target_met"]} mine={tm} target={e["target_2025"]} value={m["value"]}')
    print('summary:', dict(bad) if bad else 'no differences')


if __name__ == '__main__':
    main()
