#!/usr/bin/env python3
"""The CI report formats read back: SARIF, JUnit, Checkstyle and GitLab Code Quality.

For each tree, `check` runs once per format. SARIF must validate against the SARIF 2.1.0
schema and carry exactly the findings `--format json` carries (suppressed ones with
suppressions, unused ignores too), each with a rule of tool.driver.rules, a fingerprint and
a fix where json has a suggestion; JUnit and Checkstyle must be well-formed XML with one
entry per finding; GitLab's report must hold one issue per unsuppressed finding with unique
fingerprints; every format exits as the text format does.

  check_formats.py --bin build/portpolicy --schema ../shared/schemas/sarif-schema-2.1.0.json --tests tests
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

import jsonschema

FAILURES = []


def fail(tree, msg):
    FAILURES.append(f'{tree}: {msg}')


def run(binary, cwd, args):
    p = subprocess.run([binary, 'check'] + args, cwd=cwd, capture_output=True)
    if p.returncode == 2:
        raise SystemExit(f'{cwd}: portpolicy check {" ".join(args)} exited 2: {p.stderr.decode()}')
    return p.returncode, p.stdout.decode()


def reported(doc):
    """What the machine formats report, from --format json: findings, then unused ignores."""
    out = [dict(f) for f in doc['findings']]
    for u in doc['summary']['unused_ignores']:
        out.append({'path': u['path'], 'line': u['line'], 'column': u['column'], 'code': 'PP901',
                    'suppressed': False, 'suggestion': None, 'message': u['message']})
    return out


def check_tree(binary, schema, name, cwd, paths, extra=()):
    extra = list(extra)
    code_text, _ = run(binary, cwd, extra + paths)
    code_json, out = run(binary, cwd, extra + ['--format', 'json'] + paths)
    doc = json.loads(out)
    want = reported(doc)
    unsuppressed = [f for f in want if not f['suppressed']]
    outputs = {}
    for fmt in ('sarif', 'junit', 'checkstyle', 'gitlab'):
        code, outputs[fmt] = run(binary, cwd, extra + ['--format', fmt, '--project-root', '.'] + paths)
        if code != code_text:
            fail(name, f'--format {fmt} exits {code}, text exits {code_text}')
    if code_json != code_text:
        fail(name, f'--format json exits {code_json}, text exits {code_text}')

    # SARIF
    sarif = json.loads(outputs['sarif'])
    try:
        jsonschema.validate(sarif, schema)
    except jsonschema.ValidationError as e:
        fail(name, f'SARIF does not validate: {e.message} at {list(e.absolute_path)}')
    if len(sarif['runs']) != 1:
        fail(name, f'{len(sarif["runs"])} runs')
    run0 = sarif['runs'][0]
    rule_ids = [r['id'] for r in run0['tool']['driver']['rules']]
    results = run0['results']
    if len(results) != len(want):
        fail(name, f'SARIF has {len(results)} results, json {len(want)}')
    for r, f in zip(results, want):
        loc = r['locations'][0]['physicalLocation']
        uri = loc['artifactLocation']['uri']
        path = os.path.normpath(f['path'])
        if loc['artifactLocation'].get('uriBaseId') != 'SRCROOT' or urllib.parse.unquote(uri) != path:
            fail(name, f'SARIF uri {uri} for {path}')
        if r['ruleId'] != f['code'] or r['ruleId'] not in rule_ids:
            fail(name, f'SARIF rule {r["ruleId"]} for {f["code"]}')
        if rule_ids[r['ruleIndex']] != r['ruleId']:
            fail(name, f'ruleIndex {r["ruleIndex"]} is not {r["ruleId"]}')
        if loc['region']['startLine'] != f['line']:
            fail(name, f'SARIF line {loc["region"]["startLine"]} for {f["line"]}')
        if bool(r.get('suppressions')) != f['suppressed']:
            fail(name, f'{path}:{f["line"]} suppressed {f["suppressed"]} but SARIF suppressions {r.get("suppressions")}')
        if not r.get('partialFingerprints'):
            fail(name, f'{path}:{f["line"]} has no partialFingerprints')
        if (f.get('suggestion') is not None) != ('fixes' in r):
            fail(name, f'{path}:{f["line"]} suggestion {f.get("suggestion")} but fixes {r.get("fixes")}')
        if 'fixes' in r:
            rep = r['fixes'][0]['artifactChanges'][0]['replacements'][0]
            if rep['insertedContent']['text'] != str(f['suggestion']):
                fail(name, f'fix inserts {rep["insertedContent"]["text"]}, suggestion {f["suggestion"]}')
        if r['message']['text'] != f['message']:
            fail(name, f'SARIF message differs at {path}:{f["line"]}')
    prints = [r['partialFingerprints']['portpolicyFinding/v1'] for r in results]
    if len(set(prints)) != len(prints):
        fail(name, 'SARIF fingerprints are not unique')

    # JUnit
    try:
        junit = ET.fromstring(outputs['junit'].encode())
    except ET.ParseError as e:
        fail(name, f'JUnit is not well-formed: {e}')
    else:
        cases = junit.findall('./testsuite/testcase')
        failures = [c for c in cases if c.find('failure') is not None]
        skipped = [c for c in cases if c.find('skipped') is not None]
        if want and len(cases) != len(want):
            fail(name, f'JUnit has {len(cases)} test cases for {len(want)} findings')
        if len(failures) != len(unsuppressed) or len(skipped) != len(want) - len(unsuppressed):
            fail(name, f'JUnit: {len(failures)} failures, {len(skipped)} skipped; want {len(unsuppressed)}, '
                       f'{len(want) - len(unsuppressed)}')
        if int(junit.get('failures')) != len(failures) or int(junit.get('tests')) != len(cases):
            fail(name, 'JUnit totals do not add up')
        for suite in junit.findall('testsuite'):
            if int(suite.get('tests')) != len(suite.findall('testcase')):
                fail(name, f'JUnit suite {suite.get("name")} miscounts its tests')

    # Checkstyle
    try:
        cs = ET.fromstring(outputs['checkstyle'].encode())
    except ET.ParseError as e:
        fail(name, f'Checkstyle is not well-formed: {e}')
    else:
        errors = [(os.path.normpath(f.get('name')), int(e.get('line')), int(e.get('column')))
                  for f in cs.findall('file') for e in f.findall('error')]
        expected = [(os.path.normpath(f['path']), f['line'], f['column']) for f in unsuppressed]
        if sorted(errors) != sorted(expected):
            fail(name, f'Checkstyle errors {errors[:5]}... differ from the findings {expected[:5]}...')
        for e in cs.iter('error'):
            if e.get('severity') not in ('error', 'warning', 'info'):
                fail(name, f'Checkstyle severity {e.get("severity")}')

    # GitLab Code Quality
    gl = json.loads(outputs['gitlab'])
    if len(gl) != len(unsuppressed):
        fail(name, f'GitLab has {len(gl)} issues for {len(unsuppressed)} findings')
    fps = [i['fingerprint'] for i in gl]
    if len(set(fps)) != len(fps):
        fail(name, 'GitLab fingerprints are not unique')
    for i, f in zip(gl, unsuppressed):
        for key in ('description', 'check_name', 'fingerprint', 'severity', 'location'):
            if key not in i:
                fail(name, f'GitLab issue without {key}')
        if i['severity'] not in ('info', 'minor', 'major', 'critical', 'blocker'):
            fail(name, f'GitLab severity {i["severity"]}')
        if i['location']['path'] != os.path.normpath(f['path']) or i['location']['lines']['begin'] != f['line']:
            fail(name, f'GitLab location {i["location"]} for {f["path"]}:{f["line"]}')
    return len(want)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--schema', required=True)
    ap.add_argument('--tests', required=True, help='the tests/ folder')
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with open(a.schema) as f:
        schema = json.load(f)
    tests = os.path.abspath(a.tests)
    counts = {}
    counts['golden tree'] = check_tree(binary, schema, 'golden tree', os.path.join(tests, 'golden', 'check'), ['tree'])
    counts['rule fixtures'] = check_tree(binary, schema, 'rule fixtures', os.path.join(tests, 'fixtures'), ['rules'])
    with tempfile.TemporaryDirectory() as tmp:
        # Ignore comments (used, unused, with a reason), a baseline, a name with a space and
        # text before the literal that is not ASCII, a clean file.
        os.makedirs(os.path.join(tmp, 'dir with space'))
        with open(os.path.join(tmp, 'compose.yaml'), 'w') as f:
            f.write('services:\n  a:\n    ports:\n'
                    '      - "254:80"  # portpolicy: ignore[reserved-port] -- legacy client\n'
                    '      - "253:80"\n'
                    '      - "51234:80"  # portpolicy: ignore[reserved-port]\n')
        with open(os.path.join(tmp, 'dir with space', 'app.env'), 'w', encoding='utf-8') as f:
            f.write('# caf\u00e9 \U0001F600\nPORT=252\n')
        with open(os.path.join(tmp, 'clean.yaml'), 'w') as f:
            f.write('services:\n  b:\n    ports: ["51235:80"]\n')
        counts['ignores'] = check_tree(binary, schema, 'ignores', tmp, ['.'], ['--report-unused-ignores'])
        subprocess.run([binary, 'check', '--write-baseline', 'baseline.json', '.'], cwd=tmp, check=True,
                       capture_output=True)
        with open(os.path.join(tmp, 'later.env'), 'w') as f:
            f.write('PORT=251\n')
        counts['baseline'] = check_tree(binary, schema, 'baseline', tmp, ['.'], ['--baseline', 'baseline.json'])
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'compose.yaml'), 'w') as f:
            f.write('services:\n  b:\n    ports: ["51235:80"]\n')
        counts['clean'] = check_tree(binary, schema, 'clean', tmp, ['.'])
    # GitHub code scanning reads at most 25,000 results of a run: more are cut, most severe kept.
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'many.env'), 'w') as f:
            f.write(''.join('PORT_%d=254\n' % i for i in range(25005)))
        with open(os.path.join(tmp, 'z.env'), 'w') as f:
            f.write('PORT=70000\n')
        _, out = run(binary, tmp, ['--format', 'sarif', '.'])
        sarif = json.loads(out)
        res = sarif['runs'][0]['results']
        notes = sarif['runs'][0]['invocations'][0].get('toolExecutionNotifications', [])
        if len(res) != 25000:
            fail('25,006 findings', f'{len(res)} SARIF results, want 25000')
        if not any(r['ruleId'] == 'PP101' for r in res):
            fail('25,006 findings', 'the error was cut, not a warning')
        if not any('left out' in n['message']['text'] for n in notes):
            fail('25,006 findings', 'no notification says results were left out')
    for name, n in counts.items():
        print(f'  {name}: {n} findings')
    if FAILURES:
        print('\n'.join(FAILURES))
        return 1
    print('every format carries the findings of --format json')
    return 0


if __name__ == '__main__':
    sys.exit(main())
