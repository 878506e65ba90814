#!/usr/bin/env python3
"""Check the pipeline's publication against the publication rules of indicator-definitions.md.

usage: check_publication.py INDEPENDENT.csv EXPORT_ALL.csv [--published PUBLISHED.csv]
                            [--strict] [--secondary=auto|fail|report]
       check_publication.py --published PUBLISHED.csv [--all EXPORT_ALL.csv] [--secondary=...]

(1) Primary disclosure and target status (needs INDEPENDENT.csv and the `export --all` file): the export's
    disclosure_status and target_met against what the rules give for the independent numbers. `D` (secondary
    suppression) where the rules give `published` is not a difference: a cell may be withheld to protect
    another one. Differences are printed; with --strict they make the exit status 1.
(2) Secondary suppression (needs the published export, `export --published` or the default export): within
    every group of cells that adds up, no withheld cell (status C or D) may be derivable exactly from the
    published cells. The groups (equations) are, for the numerator and for the denominator separately:
      - one indicator and year: the city = the sum of its 13 districts (every indicator but T2-43, whose
        value is a most frequent standard, not a sum). For T2-13, T2-14, S-01, T2-44 and T2-45 a person in
        two districts counts once in the city, so the equation holds up to those persons: the subtraction
        still gives the withheld cell (or a bound within a few persons), and it is checked like the others;
      - a breakdown (S-02/<programme>): where the export also has the total (id S-02), the programmes of a
        district and of the city add up to it. Today's export has no S-02 total, so the programmes are
        six independent groups.
    A withheld cell is derivable when its numerator (or denominator) is determined by linear combinations
    of the published ones: exact rational elimination over the unknown cells (withheld C/D, and X, which
    is unknown but not protected). For a single equation city = sum of districts that means a group must
    have 0 or at least 2 unknown cells. Cells derivable through equal denominators of two indicators
    (T2-03 and T2-06: the register aged 0-2; T2-02 and T2-20: the whole population) are reported too, as
    a note: the rule as stated (groups that add up) does not cover them.
    --secondary=fail: violations make the exit status 3; report: printed only; auto (default): fail when
    the published export has any `D` (the pipeline applies secondary suppression), report otherwise.
    --all EXPORT_ALL.csv (or the second positional file) prints the value a violation derives next to the
    withheld one.

Exit status: 0 no failure, 1 primary differences with --strict, 2 bad usage, 3 secondary-suppression
violations that count as failures (both: 3).
"""
import csv
import re
import sys
from collections import Counter, defaultdict
from fractions import Fraction

CITY = '330100'
COUNT_IDS = {'T2-13', 'T2-14', 'T2-25', 'S-01'}
RATE_IDS = {'T2-03', 'T2-06', 'T2-07', 'T2-09a', 'T2-09b', 'T2-09c', 'T2-21', 'T2-26', 'T2-27', 'T2-44', 'T2-45',
            'T1-03', 'T2-02'}
DEATH_IDS = {'T2-18', 'T2-20'}
# not a sum over districts: no equation
NOT_ADDITIVE = {'T2-43'}
PROTECTED = {'C', 'D'}
# indicators whose numerator or denominator is the same count, district by district (note only)
LINKED = [(('T2-03', 'denominator'), ('T2-06', 'denominator')),
          (('T2-02', 'denominator'), ('T2-20', 'denominator'))]
FIELDS = ('numerator', 'denominator')


def f(s):
    s = (s or '').strip()
    return None if s == '' else float(s)


def exact(s):
    s = (s or '').strip()
    return None if s == '' else Fraction(s)


def number(x):
    """a Fraction as the export writes numbers: at most 6 decimals, no trailing zeros"""
    t = f'{float(x):.6f}'.rstrip('0').rstrip('.')
    return '0' if t in ('', '-0') else t


def read(path):
    with open(path, encoding='utf-8-sig') as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- (1) primary disclosure and target status
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


def check_primary(mine_p, exp_p):
    with open(mine_p, encoding='utf-8-sig') as fh:
        mine = {(r['indicator_id'], r['district_code'], r['year']): r for r in csv.DictReader(fh)}
    rows = read(exp_p)
    # deaths behind T2-18: for the withholding rule, take "the deaths behind them" = all deaths for T2-20;
    # for T2-18 report both readings (NCD deaths 30-69, and all deaths).
    bad = Counter()
    secondary = 0
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
        if got == 'D' and 'published' in (exp_d, alt):
            secondary += 1
        elif got != exp_d and got != alt:
            bad[('disclosure', iid)] += 1
            print(f'disclosure {k}: export={got} expected={exp_d}' + (f' (alt reading {alt})' if alt else '') +
                  f' num={num} den={den} value={e["value"]}')
        if got == 'C' and iid == 'T2-18' and exp_d != alt:
            print(f'note: T2-18 {k[1:]} withheld on the reading '
                  + ('NCD deaths 30-69 < 20' if got == alt else 'all deaths < 20'))
        tm = target_met(e['target_2025'], f(m['value']), iid)
        if tm != e['target_met'].strip():
            bad[('target_met', iid)] += 1
            print(f'target_met {k}: export={e["target_met"]} mine={tm} target={e["target_2025"]} value={m["value"]}')
    print(f'primary disclosure and target status: {len(rows)} rows, '
          + (f'differences {dict(bad)}' if bad else 'no differences')
          + (f'; {secondary} cells withheld as secondary (D)' if secondary else ''))
    return sum(bad.values())


# ---------------------------------------------------------------- (2) secondary suppression
def rref_determined(equations):
    """equations: list of ({var: Fraction}, Fraction) meaning sum(coef*var) = const.
    Returns {var: value} of the variables the system determines uniquely (exact rational elimination)."""
    rows = [(dict(c), k) for c, k in equations if c]
    pivots = []  # (var, row) with row[var] == 1 and var absent from every other pivot row
    for coefs, const in rows:
        coefs = dict(coefs)
        for pv, (pc, pk) in pivots:  # reduce by the existing pivots
            a = coefs.pop(pv, 0)
            if a:
                for v, c in pc.items():
                    if v != pv:
                        coefs[v] = coefs.get(v, 0) - a * c
                const -= a * pk
        coefs = {v: c for v, c in coefs.items() if c != 0}
        if not coefs:
            continue  # dependent (or, with a non-zero constant, inconsistent: the published cells disagree)
        pv = min(coefs, key=str)
        a = coefs[pv]
        coefs = {v: c / a for v, c in coefs.items()}
        const = const / a
        new_pivots = []
        for qv, (qc, qk) in pivots:  # eliminate the new pivot from the earlier rows
            b = qc.get(pv, 0)
            if b:
                qc = dict(qc)
                for v, c in coefs.items():
                    qc[v] = qc.get(v, 0) - b * c
                qc = {v: c for v, c in qc.items() if c != 0}
                qk = qk - b * const
            new_pivots.append((qv, (qc, qk)))
        pivots = new_pivots + [(pv, (coefs, const))]
    return {pv: pk for pv, (pc, pk) in pivots if len(pc) == 1}


def secondary_groups(rows):
    """The additive groups of the published export: {group name: ([(cell key, coefficient)], field)}."""
    by_key = {(r['indicator_id'], r['district_code'], r['year']): r for r in rows}
    districts = sorted({r['district_code'] for r in rows if r['district_code'] != CITY})
    ids = sorted({r['indicator_id'] for r in rows})
    years = sorted({r['year'] for r in rows})
    groups = []

    def add_sum(name, parts, total, what):  # total = sum of the parts, numerators and denominators separately
        for fld in FIELDS:
            groups.append((f'{name} {fld}: {what[0]} = the sum of {len(parts)} {what[1]}', fld,
                           [(k, Fraction(1)) for k in parts] + [(total, Fraction(-1))]))
    for iid in ids:
        for y in years:
            if iid not in NOT_ADDITIVE and (iid, CITY, y) in by_key:
                add_sum(f'{iid} {y}', [(iid, d, y) for d in districts if (iid, d, y) in by_key], (iid, CITY, y),
                        ('the city', 'districts'))
    # breakdowns with a published total: total(area) = sum of the parts(area)
    for total in ids:
        parts = [i for i in ids if i.startswith(total + '/')]
        for y in years:
            for d in (districts + [CITY]) if parts else []:
                if (total, d, y) in by_key:
                    add_sum(f'{total} {d} {y}', [(p, d, y) for p in parts if (p, d, y) in by_key], (total, d, y),
                            ('the total', 'parts'))
    links = []
    for (ia, fa), (ib, fb) in LINKED:
        for y in years:
            for d in districts + [CITY]:
                if (ia, d, y) in by_key and (ib, d, y) in by_key:
                    links.append((f'{ia} {fa} = {ib} {fb}, {d} {y}', None,
                                  [(((ia, d, y), fa), Fraction(1)), (((ib, d, y), fb), Fraction(-1))]))
    return by_key, groups, links


def build_equations(by_key, groups):
    """Substitutes the published cells; unknown = any cell not published (C, D, X)."""
    applies = defaultdict(bool)  # (indicator, field): some published cell carries the field
    for (iid, _, _), r in by_key.items():
        for fld in FIELDS:
            if r['disclosure_status'].strip() == 'published' and exact(r[fld]) is not None:
                applies[(iid, fld)] = True
    eqs = []
    for name, fld, terms in groups:
        coefs, const, ok = {}, Fraction(0), True
        for term, c in terms:
            key, tf = (term, fld) if fld is not None else term
            r = by_key[key]
            if not applies[(key[0], tf)]:
                ok = False
                break
            published = r['disclosure_status'].strip() == 'published'
            x = exact(r[tf]) if published else None
            if published and x is None:
                ok = False  # a published cell without the field: the group does not apply
                break
            if x is None:
                coefs[(key, tf)] = coefs.get((key, tf), 0) + c
            else:
                const -= c * x
        if ok and coefs:
            eqs.append((name, coefs, const))
    return eqs


def check_secondary(pub_p, all_p=None):
    rows = read(pub_p)
    statuses = Counter(r['disclosure_status'].strip() for r in rows)
    true_vals = {}
    if all_p:
        for r in read(all_p):
            true_vals[(r['indicator_id'], r['district_code'], r['year'])] = r
    by_key, groups, links = secondary_groups(rows)
    eqs = build_equations(by_key, groups)
    link_eqs = build_equations(by_key, links)
    determined = rref_determined([(c, k) for _, c, k in eqs])
    with_links = rref_determined([(c, k) for _, c, k in eqs + link_eqs])

    def protected(var):
        return by_key[var[0]]['disclosure_status'].strip() in PROTECTED

    def describe(var, val):
        (iid, d, y), fld = var
        st = by_key[var[0]]['disclosure_status'].strip()
        single = [n for n, c, _ in eqs if var in c and len(c) == 1]
        how = f'the only unknown cell of "{single[0]}"' if single else 'a linear combination of published cells'
        t = true_vals.get(var[0])
        tv = f', the withheld value is {t[fld]}' if t is not None and t.get(fld, '') != '' else ''
        return f'{iid} {d} {y} ({st}) {fld}: {how} gives {number(val)}{tv}'

    viol = sorted((v for v in determined if protected(v)), key=str)
    via_links = sorted((v for v in with_links if protected(v) and v not in determined), key=str)
    withheld = sum(statuses[s] for s in PROTECTED)
    for v in viol:
        print('derivable withheld cell: ' + describe(v, determined[v]))
    for v in via_links:
        print('note: derivable through equal denominators (outside the rule): ' + describe(v, with_links[v]))
    cells = sorted({v[0] for v in viol})
    print(f'secondary suppression: {len(rows)} published-export rows, statuses {dict(sorted(statuses.items()))}, '
          f'{len(eqs)} additive groups with unknown cells; {len(viol)} withheld numerators/denominators of '
          f'{len(cells)} of the {withheld} withheld cells (C/D) follow from published cells'
          + (f'; {len(via_links)} more through equal denominators (note)' if via_links else ''))
    return len(viol), statuses.get('D', 0) > 0


def main():
    args = sys.argv[1:]
    opts = {}
    pos = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ('--published', '--all'):
            opts[a] = args[i + 1]
            i += 2
            continue
        if a.startswith('--published=') or a.startswith('--all=') or a.startswith('--secondary='):
            k, v = a.split('=', 1)
            opts[k] = v
        elif a == '--strict':
            opts[a] = True
        elif a.startswith('-'):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            pos.append(a)
        i += 1
    mode = opts.get('--secondary', 'auto')
    if mode not in ('auto', 'fail', 'report') or len(pos) not in (0, 2) or (not pos and '--published' not in opts):
        print(__doc__, file=sys.stderr)
        return 2
    rc = 0
    if pos:
        if check_primary(*pos) and opts.get('--strict'):
            rc = 1
    if '--published' in opts:
        n, has_d = check_secondary(opts['--published'], opts.get('--all') or (pos[1] if pos else None))
        fail = mode == 'fail' or (mode == 'auto' and has_d)
        if n:
            print('secondary suppression: ' + ('FAILED' if fail else
                  'reported only (the export has no status D yet: the pipeline applies no secondary suppression)'))
            if fail:
                rc = 3
    return rc


if __name__ == '__main__':
    sys.exit(main())
