#!/usr/bin/env python3
"""Independent computation of the yearly indicators straight from a landing tree.

Follows shared/indicator-definitions.md and shared/extract-contract.md (beside the repository).
Standard library only.

usage: independent.py LANDING OUT.csv [--reference DIR] [--log LOG]
       [--strict-rows] [--first-id-wins] [--enrol-file-district] [--birth-fallback-id]
       [--emulate=ingest,gate,laterid,deathage,t243]
(the switches select alternative readings; defaults follow the contract literally, see OPT;
 --emulate reproduces documented pipeline choices, only to attribute differences, see EMU)

Output columns: indicator_id,district_code,year,numerator,denominator,value
(values unrounded; counts in "10 000" units have value = count / 10000).
"""
import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import re
import sys
import zlib
from collections import Counter, defaultdict

REF = os.environ.get('CROSSCHECK_REFERENCE', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'conf', 'reference'))
CITY = '330100'

LOG = []

# reading switches (see --help in main); defaults = the contract read literally
OPT = {
    'strict_rows': False,      # True: drop rows with a wrong field count; False: salvage a trailing extra empty
                               #   field / a missing last field (the contract: survive "without losing a row")
    'first_id_wins': False,    # True: a record id seen before is dropped even if the row differs
    'enrol_file_district': False,  # True: district of enrolment from the file name instead of 参保地区划
    'birth_fallback_id': False,  # True: register birth date unusable -> take it from the ID number
}

# --emulate=a,b,...: reproduce the pipeline's documented choices (docs/quality.md, docs/decisions.md,
# docs/indicators.md), one switch each, to attribute differences. NOT used for the independent numbers.
#   ingest   : reject wrong-encoding and header-less files; drop rows with a wrong field count or a stray quote
#   gate     : drop the rows the quality gate's drop rules quarantine (conf/quality/*.yaml)
#   laterid  : a record id seen in a later period supersedes the earlier record
#   deathage : age at death from the death certificate's birth date
#   t243     : T2-43 leaves out reversed payments too
EMU = set()

CONTRACT_HEADERS = {
    'residents': '档案编号,身份证号,姓名,性别,出生日期,常住区划,户籍类型,建档日期,档案状态',
    'child_checkups': '记录编号,儿童身份证号,检查日期,机构代码,服务类型,月龄',
    'elderly_checkups': '记录编号,身份证号,体检日期,机构代码,中医体质辨识',
    'deaths': '证明编号,身份证号,性别,出生日期,死亡日期,常住区划,根本死因',
    'childcare': '机构代码,机构名称,所在区划,核定托位数,备案日期,机构状态',
    'enrolments': '证件号码,姓名,险种类型,参保状态,参保日期,终止日期,参保地区划,缴费基数',
    'schools': '学校标识码,学校名称,所在区划,学段,办学性质,是否普惠',
    'payments': '流水号,原流水号,身份证号,救助类别,发放年月,发放金额,保障人数,月保障标准,区划',
    'disability': '残疾人证号,姓名,残疾类别,残疾等级,区划,发证日期,证件状态',
    'population': '年份,区划,性别,年龄,人口数',
}


def log(*a):
    s = ' '.join(str(x) for x in a)
    LOG.append(s)


# ---------------------------------------------------------------- ID numbers
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHK = '10X98765432'


def norm_id(s):
    if s is None:
        return ''
    return s.strip().upper()


def id_valid(s):
    if len(s) != 18 or not s[:17].isdigit():
        return False
    y = sum(int(c) * w for c, w in zip(s[:17], W)) % 11
    return s[17] == CHK[y]


class Keyer:
    """person key: the normalised ID if it passes GB 11643, else a unique token (never matches)."""

    def __init__(self):
        self.n = 0

    def __call__(self, raw):
        s = norm_id(raw)
        if id_valid(s):
            return s
        self.n += 1
        return ('INVALID', self.n, s)


KEY = Keyer()


def is_valid_key(k):
    return isinstance(k, str)


def parse_date(s, fmt='%Y-%m-%d'):
    if s is None:
        return None
    s = s.strip()
    try:
        return dt.datetime.strptime(s, fmt).date()
    except ValueError:
        return None


def birth_from_id(k):
    s = k if isinstance(k, str) else (k[2] if isinstance(k, tuple) else '')
    if len(s) != 18:
        return None
    return parse_date(s[6:14], '%Y%m%d')


def age_at(birth, d):
    if birth is None:
        return None
    return d.year - birth.year - ((d.month, d.day) < (birth.month, birth.day))


# ---------------------------------------------------------------- landing
def list_files(landing, sub, pattern):
    """Files of one extract; the landing root's '_' folders are not deliveries.
    Returns {logical name (without .gz): path}.  Same logical name twice (x and x.gz) is reported."""
    d = os.path.join(landing, sub)
    out = {}
    if not os.path.isdir(d):
        return out
    for fn in sorted(os.listdir(d)):
        p = os.path.join(d, fn)
        if not os.path.isfile(p):
            continue
        logical = fn[:-3] if fn.endswith('.gz') else fn
        m = re.fullmatch(pattern, logical)
        if not m:
            log('unknown file', p)
            continue
        if logical in out:
            log('SAME LOGICAL NAME twice:', out[logical], p, '- keeping the newer mtime')
            if os.path.getmtime(p) < os.path.getmtime(out[logical]):
                continue
        out[logical] = p
    return out


def read_text(path):
    with open(path, 'rb') as f:
        b = f.read()
    if path.endswith('.gz'):
        try:
            b = gzip.decompress(b)
        except (OSError, EOFError, zlib.error) as e:
            # a truncated or corrupt gzip is not a delivery of the period; the complete file must come again
            log('corrupt gzip, file not read:', path, e)
            return None
    if b.startswith(b'\xef\xbb\xbf'):
        b = b[3:]
    if EMU & {'ingest', 'ingest:enc'}:
        if '/insurance/' in path:
            try:
                t = b.decode('utf-8')
                if any(ord(c) > 127 for c in t[:200]):
                    log('EMU ingest: insurance file in UTF-8 rejected', path)
                    return None
            except UnicodeDecodeError:
                pass
            return b.decode('gbk', errors='replace')
        try:
            return b.decode('utf-8')
        except UnicodeDecodeError:
            log('EMU ingest: non-UTF-8 file rejected', path)
            return None
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        if '/insurance/' not in path:
            log('not UTF-8, decoding as GBK:', path)
        return b.decode('gbk', errors='replace')


def read_csv(path, delim=',', required=(), extract=None):
    text = read_text(path)
    if text is None:
        return []
    if text.startswith('\ufeff'):
        text = text[1:]
    if not text.strip():
        log('empty or header-less file', path)
        return []
    if delim == '|':
        rdr = csv.reader(io.StringIO(text, newline=''), delimiter='|', quoting=csv.QUOTE_NONE)
    else:
        rdr = csv.reader(io.StringIO(text, newline=''), delimiter=delim)
    rows = []
    header = None
    bad = salvaged = dups = gated = 0
    seen = set()
    try:
        for r in rdr:
            if header is None:
                if not r or all(not x.strip() for x in r):
                    continue
                h = [x.strip().lstrip('\ufeff') for x in r]
                missing = [x for x in required if x not in h]
                if missing:
                    ch = CONTRACT_HEADERS.get(extract, '').split(',')
                    if extract and not any(x in ch for x in h) and len(r) == len(ch) and not EMU & {'ingest', 'ingest:header'}:
                        log('missing header, reading by the contract column order:', path)
                        header = ch
                        # fall through: this line is data
                    else:
                        log('missing header/columns', missing, 'in', path, 'header=', h[:10])
                        return []
                else:
                    header = h
                    continue
            if not r or (len(r) == 1 and not r[0].strip()):
                continue
            if len(r) != len(header):
                if not (OPT['strict_rows'] or EMU & {'ingest', 'ingest:fields'}) and len(r) == len(header) + 1 and r[-1].strip() == '':
                    r = r[:-1]
                    salvaged += 1
                elif not (OPT['strict_rows'] or EMU & {'ingest', 'ingest:fields'}) and len(r) == len(header) - 1:
                    r = r + ['']
                    salvaged += 1
                else:
                    bad += 1
                    continue
            if EMU & {'ingest', 'ingest:quote'} and delim != '|' and any('"' in x for x in r):
                log('EMU ingest: row with a stray quote dropped', path)
                continue
            t = tuple(x.strip() for x in r)
            if t in seen:
                dups += 1
                continue
            seen.add(t)
            row = dict(zip(header, r))
            if gate_active() and extract and not gate_ok(extract, row, path):
                gated += 1
                continue
            rows.append(row)
    except csv.Error as e:
        log('csv error', path, e)
    if bad:
        log(bad, 'rows with wrong field count dropped in', path)
    if salvaged:
        log(salvaged, 'rows with a wrong field count salvaged (trailing field) in', path)
    if dups:
        log(dups, 'exact duplicate rows dropped in', path)
    if gated:
        log('EMU gate:', gated, 'rows dropped in', path)
    return rows


def amount(s):
    if s is None:
        return None
    s = s.strip().replace(',', '')
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


DISTRICTS = set()


def _date_ok(v, fmt):
    v = (v or '').strip()
    return v == '' or parse_date(v, fmt) is not None


def _int_ok(v):
    v = (v or '').strip()
    return v == '' or re.fullmatch(r'-?\d+', v) is not None


def _dec_ok(v):
    v = (v or '').strip().replace(',', '')
    if v == '':
        return True
    try:
        float(v)
        return True
    except ValueError:
        return False


GATE_RULES = ('req', 'date', 'district', 'code', 'range', 'order')


def gate_active():
    return set(GATE_RULES) if 'gate' in EMU else {x[5:] for x in EMU if x.startswith('gate:')}


def gate_ok(extract, r, path):
    """emulation of the drop rules of conf/quality/*.yaml (approximate; for attribution only).
    --emulate=gate turns all on; gate:req, gate:date, gate:district, gate:code, gate:range, gate:order one each"""
    act = gate_active()
    g = lambda c: (r.get(c) or '').strip()
    m = re.search(r'_(\d{4})(\d{2})?(?:_\d{6})?\.', os.path.basename(path))
    pend = dt.date(int(m.group(1)), 12, 31) if m else dt.date.max
    if m and m.group(2):
        y, mo = int(m.group(1)), int(m.group(2))
        pend = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
    fails = set()

    def req(*cols):
        if not all(g(c) for c in cols):
            fails.add('req')

    def date(c, fmt):
        if not _date_ok(g(c), fmt):
            fails.add('date')

    def dist(c):
        if g(c) not in DISTRICTS:
            fails.add('district')

    def code(c, allowed):
        if g(c) not in allowed:
            fails.add('code')
    if extract == 'residents':
        req('档案编号', '性别', '出生日期', '常住区划', '户籍类型', '建档日期', '档案状态')
        date('出生日期', '%Y-%m-%d'); date('建档日期', '%Y-%m-%d'); dist('常住区划')
        code('性别', ('1', '2')); code('户籍类型', ('1', '2')); code('档案状态', ('1', '2', '3'))
        b = parse_date(g('出生日期'))
        if b is not None and b > pend:
            fails.add('order')
    elif extract == 'child_checkups':
        req('记录编号', '检查日期', '服务类型', '月龄'); date('检查日期', '%Y-%m-%d')
        code('服务类型', ('01', '02', '03'))
        if not _int_ok(g('月龄')):
            fails.add('date')
        elif g('月龄') and not 0 <= int(g('月龄')) <= 83:
            fails.add('range')
    elif extract == 'elderly_checkups':
        req('记录编号', '体检日期', '中医体质辨识'); date('体检日期', '%Y/%m/%d')
    elif extract == 'deaths':
        req('证明编号', '性别', '出生日期', '死亡日期', '常住区划')
        date('出生日期', '%Y-%m-%d'); date('死亡日期', '%Y-%m-%d'); dist('常住区划'); code('性别', ('1', '2'))
        b, d = parse_date(g('出生日期')), parse_date(g('死亡日期'))
        if b is not None and (b > pend or (d is not None and b > d)):
            fails.add('order')
    elif extract == 'childcare':
        req('机构代码', '所在区划', '核定托位数', '备案日期', '机构状态'); date('备案日期', '%Y-%m-%d')
        dist('所在区划'); code('机构状态', ('正常运营', '停业'))
        if not _int_ok(g('核定托位数')):
            fails.add('date')
        elif g('核定托位数') and int(g('核定托位数')) < 0:
            fails.add('range')
    elif extract == 'enrolments':
        req('险种类型', '参保状态', '参保日期', '参保地区划'); date('参保日期', '%Y%m%d'); date('终止日期', '%Y%m%d')
        if not _dec_ok(g('缴费基数')):
            fails.add('date')
        dist('参保地区划'); code('险种类型', ('110', '120', '170', '210', '310', '390', '410', '510'))
        code('参保状态', ('1', '2', '3'))
    elif extract == 'schools':
        req('学校标识码', '所在区划', '学段', '办学性质'); dist('所在区划')
        code('学段', ('01', '02', '03', '04', '05', '06', '07')); code('办学性质', ('1', '2'))
    elif extract == 'payments':
        req('流水号', '救助类别', '发放年月', '发放金额', '区划')
        a = amount(g('发放金额'))
        if g('发放金额') and a is None or not _int_ok(g('保障人数')) or not _dec_ok(g('月保障标准')) \
                or (g('发放年月') and re.fullmatch(r'\d{4}(0[1-9]|1[0-2])', g('发放年月')) is None):
            fails.add('date')
        code('救助类别', ('低保', '低保边缘', '特困供养', '临时救助', '困难残疾人生活补贴', '重度残疾人护理补贴'))
        dist('区划')
        if a is not None and abs(a) > 100000:
            fails.add('range')
    elif extract == 'disability':
        req('残疾人证号', '残疾类别', '残疾等级', '区划', '发证日期', '证件状态'); date('发证日期', '%Y-%m-%d')
        dist('区划'); code('残疾类别', tuple('1234567')); code('残疾等级', tuple('1234'))
        code('证件状态', ('有效', '注销'))
    hit = fails & act
    if hit:
        log('EMU gate: row dropped for', sorted(hit), 'in', os.path.basename(path))
    return not hit


def gate_ok_roll(o):
    """the drop rules of conf/quality/rolls.yaml, each under its own switch like gate_ok"""
    act = gate_active()
    g = lambda c: str(o.get(c) if o.get(c) is not None else '').strip()
    fails = set()
    if not all(g(c) for c in ('xjh', 'xxbsm', 'nj', 'xn', 'zt', 'rxrq')):
        fails.add('req')
    if not _date_ok(g('rxrq'), '%Y-%m-%d'):
        fails.add('date')
    if g('zt') not in ('在读', '休学', '转出', '毕业', '辍学') \
            or re.fullmatch(r'0[1-3]|1[1-6]|2[1-3]|3[1-3]|4[1-3]', g('nj')) is None:
        fails.add('code')
    return not fails & act


def keep_record(seen, rid, row, what, fname):
    """record ids are unique across deliveries. The same id with the same content again is a duplicate;
    the same id on a different record is a defect of the id, not a reason to lose the record."""
    content = tuple(sorted((k, v.strip()) for k, v in row.items() if not k.startswith('_')))
    prev = seen.get(rid)
    if prev is None:
        seen[rid] = content
        seen[('row', rid)] = row
        return True
    if prev == content:
        log('duplicate record', what, rid, 'in', fname, 'dropped')
        return False
    if 'laterid' in EMU:
        prev_row = seen.get(('row', rid))
        if prev_row is not None:
            prev_row['_dropped'] = True
        seen[('row', rid)] = row
        seen[rid] = content
        log('EMU laterid: earlier record', what, rid, 'superseded by', fname)
        return True
    if OPT['first_id_wins']:
        log('record id collision', what, rid, 'in', fname, 'later record dropped (first_id_wins)')
        return False
    log('record id collision', what, rid, 'in', fname, 'different content: both kept')
    return True


# ---------------------------------------------------------------- model
class Data:
    pass


def load(landing, ref):
    D = Data()
    D.districts = []
    with open(os.path.join(ref, 'districts.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            D.districts.append(r['code'])
            DISTRICTS.add(r['code'])
    dset = set(D.districts)

    # residents
    D.res = defaultdict(list)  # year -> rows
    for name, p in list_files(landing, 'health/residents', r'residents_(\d{4})\.csv').items():
        y = int(name[10:14])
        for r in read_csv(p, required=('身份证号', '常住区划', '档案状态', '建档日期', '出生日期', '户籍类型'), extract='residents'):
            D.res[y].append(r)
    # child checkups: key -> set of (date, service)
    D.child = []
    seen = {}
    for name, p in list_files(landing, 'health/child_checkups', r'child_checkups_(\d{6})\.csv').items():
        for r in read_csv(p, required=('记录编号', '儿童身份证号', '检查日期', '服务类型'), extract='child_checkups'):
            if not keep_record(seen, r['记录编号'].strip(), r, 'child', name):
                continue
            D.child.append((KEY(r['儿童身份证号']), parse_date(r['检查日期']), r['服务类型'].strip(), r))
    D.elderly = []
    seen = {}
    for name, p in list_files(landing, 'health/elderly_checkups', r'elderly_checkups_(\d{6})\.csv').items():
        for r in read_csv(p, required=('记录编号', '身份证号', '体检日期'), extract='elderly_checkups'):
            if not keep_record(seen, r['记录编号'].strip(), r, 'elderly', name):
                continue
            D.elderly.append((KEY(r['身份证号']), parse_date(r['体检日期'], '%Y/%m/%d'), r))
    D.deaths = []
    seen = {}
    for name, p in list_files(landing, 'health/deaths', r'deaths_(\d{6})\.csv').items():
        for r in read_csv(p, required=('证明编号', '身份证号', '出生日期', '死亡日期', '常住区划', '根本死因'), extract='deaths'):
            if not keep_record(seen, r['证明编号'].strip(), r, 'death', name):
                continue
            r['_file'] = name
            D.deaths.append(r)
    D.childcare = defaultdict(list)
    for name, p in list_files(landing, 'health/childcare', r'childcare_(\d{4})\.csv').items():
        D.childcare[int(name[10:14])] = read_csv(p, required=('机构代码', '所在区划', '核定托位数', '机构状态'), extract='childcare')
    D.enrol = defaultdict(list)  # year -> rows
    for name, p in list_files(landing, 'insurance/enrolments', r'enrolments_(\d{4})_(\d{6})\.txt').items():
        y = int(name[11:15])
        fd = name[16:22]
        for r in read_csv(p, delim='|', required=('证件号码', '险种类型', '参保状态', '参保日期', '参保地区划'), extract='enrolments'):
            r['_filedistrict'] = fd
            D.enrol[y].append(r)
    D.schools = {}
    for name, p in list_files(landing, 'education/schools', r'schools_(\d{4})\.csv').items():
        y = int(name[8:12])
        D.schools[y] = {r['学校标识码'].strip(): r for r in read_csv(p, required=('学校标识码', '所在区划', '学段', '办学性质', '是否普惠'), extract='schools')}
    D.rolls = defaultdict(list)
    for name, p in list_files(landing, 'education/rolls', r'rolls_(\d{4})\.jsonl').items():
        y = int(name[6:10])
        text = read_text(p) or ''
        bad = 0
        seenl = set()
        for line in text.splitlines():
            if not line.strip():
                continue
            if line.strip() in seenl:
                log('exact duplicate roll line dropped', p)
                continue
            seenl.add(line.strip())
            try:
                o = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            if not isinstance(o, dict):
                bad += 1
                continue
            if gate_active() & {'req', 'date', 'code'} and not gate_ok_roll(o):
                log('EMU gate: roll dropped', p)
                continue
            D.rolls[y].append(o)
        if bad:
            log(bad, 'bad json lines in', p)
    D.pay = []
    seen = {}
    for name, p in list_files(landing, 'assistance/payments', r'payments_(\d{6})\.csv').items():
        for r in read_csv(p, required=('流水号', '原流水号', '身份证号', '救助类别', '发放年月', '发放金额', '月保障标准', '区划'), extract='payments'):
            if not keep_record(seen, r['流水号'].strip(), r, 'payment', name):
                continue
            r['_file'] = name
            r['_amt'] = amount(r['发放金额'])
            r['_key'] = KEY(r['身份证号'])
            D.pay.append(r)
    D.dis = defaultdict(list)
    for name, p in list_files(landing, 'assistance/disability', r'disability_(\d{4})\.csv').items():
        D.dis[int(name[11:15])] = read_csv(p, required=('残疾人证号', '残疾等级', '区划', '证件状态'), extract='disability')
    D.pop = {}
    for name, p in list_files(landing, 'reference/population', r'population_(\d{4})\.csv').items():
        y = int(name[11:15])
        pop = defaultdict(int)  # (district, age) -> n; age 100 for 100+
        for r in read_csv(p, required=('年份', '区划', '性别', '年龄', '人口数'), extract='population'):
            a = r['年龄'].strip()
            a = 100 if a == '100+' else int(a)
            try:
                n = int(r['人口数'].strip())
            except ValueError:
                log('bad population count', r)
                continue
            if r['年份'].strip() != str(y):
                log('population row of another year', r)
            pop[(r['区划'].strip(), a)] += n
        D.pop[y] = pop
    D.years = sorted(D.pop)
    D.child = [t for t in D.child if not t[3].get('_dropped')]
    D.elderly = [t for t in D.elderly if not t[2].get('_dropped')]
    D.deaths = [r for r in D.deaths if not r.get('_dropped')]
    D.pay = [r for r in D.pay if not r.get('_dropped')]
    return D


# ---------------------------------------------------------------- register
def register(D, y):
    """resident register of Y: status-1 rows, one per person (archive opened last).
    returns key -> row (with _birth, _district)"""
    best = {}
    inval = []
    for r in D.res[y]:
        if r['档案状态'].strip() != '1':
            continue
        k = KEY(r['身份证号'])
        od = parse_date(r['建档日期'])
        r['_opened'] = od
        r['_birth'] = parse_date(r['出生日期'])
        if r['_birth'] is None and OPT['birth_fallback_id']:
            r['_birth'] = birth_from_id(k)
        r['_district'] = r['常住区划'].strip()
        if not is_valid_key(k):
            inval.append((k, r))
            continue
        cur = best.get(k)
        if cur is None or (od or dt.date.min) > (cur['_opened'] or dt.date.min):
            best[k] = r
        elif od == cur['_opened']:
            log('register tie on opening date', y, k[:6] + '…', r['档案编号'], cur['档案编号'])
    for k, r in inval:
        best[k] = r
    return best


def birth_of(key, reg):
    r = reg.get(key)
    if r is not None:
        return r['_birth']
    return birth_from_id(key)


# ---------------------------------------------------------------- life tables
GROUPS_LT = [(0, 0), (1, 4)] + [(a, a + 4) for a in range(5, 85, 5)] + [(85, 200)]


def life_expectancy(deaths_by_age, pop_by_age):
    l = 100000.0
    T = 0.0
    Ls = []
    for i, (lo, hi) in enumerate(GROUPS_LT):
        D_ = sum(v for a, v in deaths_by_age.items() if lo <= a <= hi)
        P = sum(v for a, v in pop_by_age.items() if lo <= a <= hi)
        if P == 0:
            return None
        M = D_ / P
        if hi == 200:
            if M == 0:
                return None
            Ls.append(l / M)
            break
        n = hi - lo + 1
        ax = 0.1 if lo == 0 else 0.5
        q = n * M / (1 + n * (1 - ax) * M)
        q = min(q, 1.0)
        d = l * q
        L = n * (l - d) + n * ax * d
        Ls.append(L)
        l = l - d
    return sum(Ls) / 100000.0


def ncd_cause(code):
    m = re.match(r'\s*([A-Z])(\d\d)', (code or '').upper())
    if not m:
        return False
    c, n = m.group(1), int(m.group(2))
    return (c == 'I') or (c == 'C' and n <= 97) or (c == 'E' and 10 <= n <= 14) or (c == 'J' and 30 <= n <= 98)


def q40_30(deaths_by_age, pop_by_age):
    prod = 1.0
    for lo in range(30, 70, 5):
        D_ = sum(deaths_by_age.get(a, 0) for a in range(lo, lo + 5))
        P = sum(pop_by_age.get(a, 0) for a in range(lo, lo + 5))
        if P == 0:
            return None
        M = D_ / P
        q = 5 * M / (1 + 2.5 * M)
        prod *= (1 - q)
    return 1 - prod


# ---------------------------------------------------------------- compute
def compute(D):
    out = []  # (id, district, year, num, den, value)
    dists = D.districts
    alld = dists + [CITY]

    def rate(iid, y, nums, dens):
        for d in alld:
            n = nums.get(d, 0) if d != CITY else sum(nums.get(x, 0) for x in dists)
            de = dens.get(d, 0) if d != CITY else sum(dens.get(x, 0) for x in dists)
            out.append((iid, d, y, n, de, (100.0 * n / de) if de else None))

    def count(iid, y, persons_by_d, city_set=None, scale=10000.0):
        for d in alld:
            if d == CITY:
                s = city_set if city_set is not None else set().union(*[persons_by_d.get(x, set()) for x in dists])
            else:
                s = persons_by_d.get(d, set())
            out.append((iid, d, y, len(s), None, len(s) / scale))

    # payments: net per (key, programme, yyyymm, district)
    for y in D.years:
        reg = register(D, y)
        dec31 = dt.date(y, 12, 31)
        aug31 = dt.date(y, 8, 31)
        pop = D.pop[y]
        regd = defaultdict(set)
        for k, r in reg.items():
            regd[r['_district']].add(k)

        # T2-02
        places = Counter()
        for r in D.childcare.get(y, []):
            if r['机构状态'].strip() == '正常运营':
                try:
                    places[r['所在区划'].strip()] += int(r['核定托位数'].strip())
                except ValueError:
                    log('bad capacity', r)
        for d in alld:
            if d == CITY:
                n = sum(places[x] for x in dists)
                p = sum(v for (dd, a), v in pop.items() if dd in dists)
            else:
                n = places[d]
                p = sum(v for (dd, a), v in pop.items() if dd == d)
            # denominator reported as persons (the export's convention); value = places per 1000
            out.append(('T2-02', d, y, n, p, (1000.0 * n / p) if p else None))

        # T2-03 / T2-06
        anycheck = set()
        screen = set()
        for k, dte, svc, _ in D.child:
            if dte is not None and dte.year == y and is_valid_key(k):
                anycheck.add(k)
                if svc == '03':
                    screen.add(k)
        den = defaultdict(set)
        for k, r in reg.items():
            a = age_at(r['_birth'], dec31)
            if a is not None and 0 <= a <= 2:
                den[r['_district']].add(k)
        rate('T2-03', y, {d: len(s & anycheck) for d, s in den.items()}, {d: len(s) for d, s in den.items()})
        rate('T2-06', y, {d: len(s & screen) for d, s in den.items()}, {d: len(s) for d, s in den.items()})

        # rolls of Y
        schools = D.schools.get(y, {})
        rolls = [o for o in D.rolls.get(y, []) if str(o.get('xn', '')).strip() == f'{y}-{y + 1}']
        if len(rolls) != len(D.rolls.get(y, [])):
            log('rolls of year', y, 'with another xn:', len(D.rolls.get(y, [])) - len(rolls))
        for o in rolls:
            o['_key'] = KEY(o.get('sfzh'))
        enrolled = set(o['_key'] for o in rolls if o.get('zt') == '在读' and is_valid_key(o['_key']))
        enrolled_or_susp = set(o['_key'] for o in rolls if o.get('zt') in ('在读', '休学') and is_valid_key(o['_key']))

        # T2-07
        num = Counter()
        dn = Counter()
        for o in rolls:
            if o.get('zt') != '在读' or str(o.get('nj')) not in ('01', '02', '03'):
                continue
            s = schools.get(str(o.get('xxbsm', '')).strip())
            if s is None or s['学段'].strip() != '01':
                continue
            d = s['所在区划'].strip()
            dn[d] += 1
            if s['办学性质'].strip() == '1' or s['是否普惠'].strip() == '是':
                num[d] += 1
        rate('T2-07', y, num, dn)

        # T1-03
        num = Counter()
        for o in rolls:
            if o.get('zt') != '在读' or str(o.get('nj')) not in ('01', '02', '03'):
                continue
            s = schools.get(str(o.get('xxbsm', '')).strip())
            if s is None:
                continue
            a = age_at(birth_of(o['_key'], reg), aug31)
            if a is not None and 3 <= a <= 5:
                num[s['所在区划'].strip()] += 1
        dn = Counter()
        for (d, a), v in pop.items():
            if 3 <= a <= 5:
                dn[d] += v
        rate('T1-03', y, num, dn)

        # T2-09
        for iid, lo, hi in (('T2-09a', 3, 5), ('T2-09b', 6, 14), ('T2-09c', 15, 17)):
            num = Counter()
            dn = Counter()
            for r in D.dis.get(y, []):
                if r['证件状态'].strip() != '有效':
                    continue
                cert = r['残疾人证号'].strip()
                k = KEY(cert[:18])
                a = age_at(birth_of(k, reg), aug31)
                if a is None or not (lo <= a <= hi):
                    continue
                d = r['区划'].strip()
                dn[d] += 1
                if is_valid_key(k) and k in enrolled_or_susp:
                    num[d] += 1
            rate(iid, y, num, dn)

        # insurance
        enr = D.enrol.get(y, [])
        for r in enr:
            r['_key'] = KEY(r['证件号码'])
            r['_d'] = r['_filedistrict'] if OPT['enrol_file_district'] else r['参保地区划'].strip()
            if r['_d'] != r['_filedistrict']:
                log('enrolment district differs from file district', r['_d'], r['_filedistrict'])
        for iid, scheme in (('T2-13', '410'), ('T2-14', '210')):
            byd = defaultdict(set)
            for r in enr:
                if r['险种类型'].strip() == scheme and r['参保状态'].strip() == '1':
                    byd[r['_d']].add(r['_key'])
            allp = set().union(*[byd.get(x, set()) for x in dists])
            sumd = sum(len(byd.get(x, set())) for x in dists)
            if sumd != len(allp):
                log(iid, y, 'city distinct', len(allp), '!= sum of districts', sumd)
            count(iid, y, byd)
        # T2-25
        latest = {}
        pens = set()
        for r in enr:
            if r['险种类型'].strip() in ('110', '120', '170') and r['参保状态'].strip() in ('1', '2'):
                k = r['_key']
                pens.add(k)
                dte = parse_date(r['参保日期'], '%Y%m%d') or dt.date.min
                cur = latest.get(k)
                if cur is None or dte > cur[0]:
                    latest[k] = (dte, r['_d'])
                elif dte == cur[0] and r['_d'] != cur[1]:
                    log('T2-25 tie on latest enrolment date', y, r['_d'], cur[1])
        byd = defaultdict(set)
        for k, (dte, d) in latest.items():
            byd[d].add(k)
        count('T2-25', y, byd)
        # T2-21
        med = set(r['_key'] for r in enr if r['险种类型'].strip() in ('310', '390') and r['参保状态'].strip() == '1' and is_valid_key(r['_key']))
        num = Counter()
        dn = Counter()
        for k, r in reg.items():
            if r['户籍类型'].strip() == '1':
                dn[r['_district']] += 1
                if k in med:
                    num[r['_district']] += 1
        rate('T2-21', y, num, dn)
        # T2-26
        num = Counter()
        dn = Counter()
        for k, r in reg.items():
            a = age_at(r['_birth'], dec31)
            if a is None or a < 16:
                continue
            if k in enrolled:
                continue
            dn[r['_district']] += 1
            if k in pens:
                num[r['_district']] += 1
        rate('T2-26', y, num, dn)
        # T2-27
        eld = set(k for k, dte, _ in D.elderly if dte is not None and dte.year == y and is_valid_key(k))
        num = Counter()
        dn = Counter()
        for k, r in reg.items():
            a = age_at(r['_birth'], dec31)
            if a is not None and a >= 65:
                dn[r['_district']] += 1
                if k in eld:
                    num[r['_district']] += 1
        rate('T2-27', y, num, dn)

        # deaths
        deaths_age = defaultdict(Counter)  # district -> age -> n
        ncd_age = defaultdict(Counter)
        for r in D.deaths:
            dd = parse_date(r['死亡日期'])
            if dd is None or dd.year != y:
                continue
            d = r['常住区划'].strip()
            k = KEY(r['身份证号']) if r['身份证号'].strip() else None
            b_row = parse_date(r['出生日期'])
            if 'deathage' in EMU:
                b = b_row
            elif k is not None:
                b = reg[k]['_birth'] if k in reg else birth_from_id(k)
            else:
                b = b_row
            if b is None:
                b = b_row
            if b_row is not None and b is not None and b != b_row:
                log('death birth date differs from register/ID', r['证明编号'])
            a = age_at(b, dd)
            if a is None or a < 0:
                log('death without usable age', r['证明编号'])
                continue
            deaths_age[d][a] += 1
            if 30 <= a <= 69 and ncd_cause(r['根本死因']):
                ncd_age[d][a] += 1
        popd = defaultdict(Counter)
        for (d, a), v in pop.items():
            popd[d][a] += v
        for d in alld:
            if d == CITY:
                da = sum((deaths_age[x] for x in dists), Counter())
                na = sum((ncd_age[x] for x in dists), Counter())
                pa = sum((popd[x] for x in dists), Counter())
            else:
                da, na, pa = deaths_age[d], ncd_age[d], popd[d]
            q = q40_30(na, pa)
            out.append(('T2-18', d, y, sum(na.values()), sum(v for a, v in pa.items() if 30 <= a <= 69),
                        100 * q if q is not None else None))
            e = life_expectancy(da, pa)
            out.append(('T2-20', d, y, sum(da.values()), sum(pa.values()), e))

        # assistance
        def net(filter_fn, key_fn):
            s = defaultdict(float)
            for r in D.pay:
                if r['_amt'] is None:
                    continue
                if filter_fn(r):
                    s[key_fn(r)] += r['_amt']
            return s

        ym12 = f'{y}12'
        # T2-43
        stds = defaultdict(Counter)
        reversed_ids = set(r['原流水号'].strip() for r in D.pay if r['原流水号'].strip()) if 't243' in EMU else set()
        for r in D.pay:
            if r['流水号'].strip() in reversed_ids:
                continue
            if r['救助类别'].strip() == '低保' and r['发放年月'].strip() == ym12 and not r['原流水号'].strip() \
                    and (r['_amt'] is None or r['_amt'] >= 0):
                v = amount(r['月保障标准'])
                if v is not None:
                    stds[r['区划'].strip()][v] += 1
        for d in alld:
            c = stds[d] if d != CITY else sum((stds[x] for x in dists), Counter())
            if not c:
                out.append(('T2-43', d, y, None, None, None))
                continue
            mc = c.most_common()
            if len(mc) > 1:
                log('T2-43', d, y, 'several standards', mc)
            if len(mc) > 1 and mc[0][1] == mc[1][1]:
                log('T2-43', d, y, 'TIE among most frequent', mc)
            out.append(('T2-43', d, y, None, None, 12 * mc[0][0]))
        # S-01
        n = net(lambda r: r['救助类别'].strip() == '低保' and r['发放年月'].strip() == ym12,
                lambda r: (r['_key'], r['区划'].strip()))
        byd = defaultdict(set)
        for (k, d), v in n.items():
            if v > 0.005:
                byd[d].add(k)
        count('S-01', y, byd, scale=1.0)
        # S-02
        progs = ['低保', '低保边缘', '特困供养', '临时救助', '困难残疾人生活补贴', '重度残疾人护理补贴']
        n = net(lambda r: r['发放年月'].strip()[:4] == str(y), lambda r: (r['救助类别'].strip(), r['区划'].strip()))
        for pg in progs:
            for d in alld:
                v = n.get((pg, d), 0.0) if d != CITY else sum(n.get((pg, x), 0.0) for x in dists)
                v = round(v, 2)
                out.append((f'S-02/{pg}', d, y, v, None, v / 10000.0))
        # T2-44 / T2-45
        n = net(lambda r: r['发放年月'].strip()[:4] == str(y), lambda r: (r['_key'], r['救助类别'].strip()))
        pos = defaultdict(set)
        for (k, pg), v in n.items():
            if v > 0.005 and is_valid_key(k):
                pos[pg].add(k)
        num44, den44, num45, den45 = Counter(), Counter(), Counter(), Counter()
        h44 = defaultdict(set)
        h45 = defaultdict(set)
        for r in D.dis.get(y, []):
            if r['证件状态'].strip() != '有效':
                continue
            k = KEY(r['残疾人证号'].strip()[:18])
            d = r['区划'].strip()
            if k in pos['低保'] or k in pos['低保边缘']:
                h44[d].add(k)
            if r['残疾等级'].strip() in ('1', '2'):
                h45[d].add(k)
        rate('T2-44', y, {d: len(s & pos['困难残疾人生活补贴']) for d, s in h44.items()}, {d: len(s) for d, s in h44.items()})
        rate('T2-45', y, {d: len(s & pos['重度残疾人护理补贴']) for d, s in h45.items()}, {d: len(s) for d, s in h45.items()})
    return out


def main():
    args = sys.argv[1:]
    ref = REF
    logf = None
    if '--reference' in args:
        i = args.index('--reference')
        ref = args[i + 1]
        del args[i:i + 2]
    if '--log' in args:
        i = args.index('--log')
        logf = args[i + 1]
        del args[i:i + 2]
    for o in list(OPT):
        flag = '--' + o.replace('_', '-')
        if flag in args:
            OPT[o] = True
            args.remove(flag)
    for a in list(args):
        if a.startswith('--emulate='):
            EMU.update(x for x in a.split('=', 1)[1].split(',') if x)
            args.remove(a)
    landing, outp = args
    D = load(landing, ref)
    rows = compute(D)
    with open(outp, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['indicator_id', 'district_code', 'year', 'numerator', 'denominator', 'value'])
        for r in rows:
            w.writerow(['' if x is None else (repr(x) if isinstance(x, float) else x) for x in r])
    msg = '\n'.join(LOG)
    if logf:
        with open(logf, 'w', encoding='utf-8') as f:
            f.write(msg + '\n')
    c = Counter(l.split(' ')[0] + ' ' + (l.split(' ')[1] if len(l.split(' ')) > 1 else '') for l in LOG)
    print(f'{len(rows)} rows written to {outp}; {len(LOG)} log lines', file=sys.stderr)
    for k, v in c.most_common(30):
        print(f'  {v:6d}  {k}', file=sys.stderr)


if __name__ == '__main__':
    main()
