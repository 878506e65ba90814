#!/usr/bin/env python3
"""The cross-check's verdict: every value of the pipeline agrees with the independent computation, or the
difference is explained by a documented pipeline choice listed in attributions.tsv.

usage: attributions.py RUN_DIR [--list attributions.tsv] [--jobs N]

RUN_DIR holds landing/ (the generated city) and all.csv (`bin/indicators export --all`). Writes there
independent.csv (the independent reading), emulated.csv (the same with every listed choice emulated) and
without_<switch>.csv (every listed choice but one), with their logs.

attributions.tsv (beside this script; reviewed like code) has one line per documented pipeline choice:
    switch <TAB> cells <TAB> documented in <TAB> the choice
switch is an --emulate switch of independent.py; cells is the number of values the choice accounts for on
the CI city (tools/crosscheck/ci.sh): the values that change when it alone is left out of the emulation.
A line `cell:INDICATOR/DISTRICT/YEAR` in place of a switch lets exactly that value differ (cells = 1), for a
documented choice independent.py cannot emulate; there is none today.

The verdict fails (exit 1) when
  - any value of the pipeline differs from independent.py with every listed choice emulated (the list
    does not explain it: a pipeline bug, an undocumented choice, or a listed choice the pipeline no
    longer makes -- then the cells agree once that switch is left out, and the message says so);
  - a listed choice explains nothing any more (leaving it out changes no value): remove the line;
  - a listed count differs from the run's: update the line (and docs/indicators.md, "Cross-check");
  - a cited docs/ file or section does not exist.
On unexplained values it also tries every switch not listed, and names those that would explain them.
The number of attributed differences is the number of values where the pure independent reading and the
pipeline differ, all of them explained when the verdict passes. Exit 2: bad usage or a run that failed.
"""
import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
# every --emulate switch of independent.py (tried on a failure, to name a choice missing from the list)
KNOWN_SWITCHES = ['ingest:enc', 'ingest:header', 'ingest:fields', 'ingest:quote', 'gate:req', 'gate:date',
                  'gate:district', 'gate:code', 'gate:range', 'gate:order', 'laterid', 'deathage', 't243']
sys.path.insert(0, HERE)
from compare import differences, read_rows  # noqa: E402


def read_list(path):
    entries = []
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) != 4 or not parts[1].strip().isdigit():
                raise SystemExit(f'{path}:{n}: expected "switch<TAB>cells<TAB>documented in<TAB>choice", got {line!r}')
            entries.append({'switch': parts[0].strip(), 'cells': int(parts[1]), 'docs': parts[2].strip(),
                            'choice': parts[3].strip(), 'line': n})
    return entries


def missing_docs(docs_field):
    """the references of a 'documented in' field (docs/FILE.md "section") that do not exist in the repository"""
    root = os.path.join(HERE, '..', '..')
    refs = re.findall(r'(docs/[\w.-]+\.md)(?: "([^"]+)")?', docs_field)
    if not refs:
        return [f'no docs/ reference in {docs_field!r}']
    bad = []
    for path, section in refs:
        p = os.path.join(root, path)
        if not os.path.isfile(p):
            bad.append(path)
        elif section:
            with open(p, encoding='utf-8') as fh:
                if section not in fh.read():
                    bad.append(f'{path} "{section}"')
    return bad


def run_independent(run, name, switches):
    out = os.path.join(run, name + '.csv')
    cmd = [sys.executable, os.path.join(HERE, 'independent.py'), os.path.join(run, 'landing'), out,
           '--log', os.path.join(run, name + '.log')]
    if switches:
        cmd.append('--emulate=' + ','.join(switches))
    with open(os.path.join(run, name + '.err'), 'w') as err:
        rc = subprocess.call(cmd, stdout=err, stderr=err)
    if rc != 0:
        raise SystemExit(f'independent.py failed (exit {rc}) for {name}: see {run}/{name}.err')
    return read_rows(out)


def differs(a, b, k):
    """whether tables a and b differ in cell k"""
    return bool(differences({k: a[k]} if k in a else {}, {k: b[k]} if k in b else {}))


def fmt(k):
    return f'{k[0]} {k[1]} {k[2]}'


def main():
    ap = argparse.ArgumentParser(description='the cross-check verdict (see the module docstring)')
    ap.add_argument('run', help='the run folder: landing/ and all.csv')
    ap.add_argument('--list', default=os.path.join(HERE, 'attributions.tsv'), help='the attribution list')
    ap.add_argument('--jobs', type=int, default=2, help='independent.py runs at a time')
    a = ap.parse_args()
    run, lst, jobs = a.run, a.list, a.jobs
    entries = read_list(lst)
    switches = [e['switch'] for e in entries if not e['switch'].startswith('cell:')]
    cells_allowed = {}
    for e in entries:
        if e['switch'].startswith('cell:'):
            iid, d, y = e['switch'][5:].split('/')
            cells_allowed[(iid, d, y)] = e
    pipeline = read_rows(os.path.join(run, 'all.csv'))

    # the independent reading, every listed choice emulated, and every listed choice but one
    tasks = [('independent', [])] + [('emulated', switches)] + \
            [('without_' + s.replace(':', '_'), [x for x in switches if x != s]) for s in switches]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = dict(zip([t[0] for t in tasks], pool.map(lambda t: run_independent(run, *t), tasks)))
    pure, emulated = results['independent'], results['emulated']

    failures = []
    # (1) the pipeline against every listed choice emulated
    unexplained = differences(emulated, pipeline)
    stale_cells = [k for k in cells_allowed if k not in unexplained]
    for k in list(unexplained):
        if k in cells_allowed:
            del unexplained[k]
    if unexplained:
        failures.append(f'{len(unexplained)} values of the pipeline differ from the independent computation with '
                        f'every listed choice emulated (no attribution explains them; mine = independent.py so emulated):')
        by_switch = Counter()
        for k in sorted(unexplained):
            also = ('also differs from the pure independent reading' if differs(pure, pipeline, k)
                    else 'agrees with the pure independent reading')
            agree_without = [s for s in switches if not differs(results['without_' + s.replace(':', '_')], pipeline, k)]
            hint = f'; agrees when {", ".join(agree_without)} is not emulated' if agree_without else ''
            by_switch.update(agree_without)
            failures.append(f'  {fmt(k)}: {unexplained[k]} ({also}{hint})')
        for s, n in by_switch.most_common():
            failures.append(f'  -> {n} of them agree when {s} is left out: does the pipeline still make that choice?')
        # would an emulation switch that is not listed explain them? (a choice missing from the list)
        others = [s for s in KNOWN_SWITCHES if s not in switches]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            tried = dict(zip(others, pool.map(lambda s: run_independent(run, 'with_' + s.replace(':', '_'),
                                                                        switches + [s]), others)))
        for s, table in tried.items():
            n = sum(1 for k in unexplained if not differs(table, pipeline, k))
            if n:
                failures.append(f'  -> {n} of them agree when {s} is emulated too: if the pipeline makes that '
                                f'choice on purpose, document it and list it')

    for e in entries:
        for ref in missing_docs(e['docs']):
            failures.append(f'{lst}:{e["line"]}: {e["switch"]} cites {ref}, which the repository does not have')

    # (2) what each listed choice accounts for
    pure_vs_pipeline = differences(pure, pipeline)
    attributed = differences(pure, emulated)
    print(f'cross-check: {len(pipeline)} values of the pipeline export; {len(pure_vs_pipeline)} differ from the '
          f'pure independent reading, {len(attributed)} differences between the pure reading and the one with '
          f'the {len(switches)} listed choices emulated')
    print(f'  {"switch":18s} {"listed":>6s} {"run":>5s}  documented in')
    for e in entries:
        s = e['switch']
        if s.startswith('cell:'):
            n = 0 if s in [f'cell:{"/".join(k)}' for k in stale_cells] else 1
        else:
            n = len(differences(results['without_' + s.replace(':', '_')], emulated))
        flag = '' if n == e['cells'] else '   <- the list says ' + str(e['cells'])
        print(f'  {s:18s} {e["cells"]:6d} {n:5d}  {e["docs"]}{flag}')
        if n == 0:
            failures.append(f'{lst}:{e["line"]}: {s} explains no value any more (leaving it out changes nothing): '
                            f'remove the line' + (' (and the emulation switch if the choice is gone)' if not s.startswith('cell:') else ''))
        elif n != e['cells']:
            failures.append(f'{lst}:{e["line"]}: {s} accounts for {n} values on this city, the list says '
                            f'{e["cells"]}: update the count (and docs/indicators.md, "Cross-check")')
    by_ind = Counter(k[0].split('/')[0] for k in attributed)
    print('  attributed differences by indicator: ' + ', '.join(f'{i} {n}' for i, n in sorted(by_ind.items())))
    if failures:
        print('cross-check FAILED:')
        for f in failures:
            print(f)
        return 1
    print(f'cross-check passed: every value agrees with the independent computation or is one of '
          f'{len(pure_vs_pipeline)} attributed differences')
    return 0


if __name__ == '__main__':
    sys.exit(main())
