#!/usr/bin/env python3
"""The bad-input catalogue: hostile files and trees, each with the outcome it must have.

Every case builds its input in a fresh folder (large and odd inputs are made here, not kept
in the repository), runs `portpolicy check --format json` on it, and checks the exit code,
the findings (rule code and port), the files skipped with their reasons, and that the run
stayed within its time and memory bounds (a hang is cut off and fails the case). Scanned
files must come out byte for byte as they went in.

  catalogue.py --bin build/portpolicy [--only NAME...] [--list]
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

COMPOSE_254 = 'services:\n  web:\n    image: web:1.0\n    ports:\n      - "254:8080"\n'


def write(root, rel, data):
    path = os.path.join(root, rel) if isinstance(rel, str) else os.path.join(root.encode(), rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


class Case:
    def __init__(self, name, build, exit_code=None, findings=None, skipped=None, args=(), timeout=60,
                 max_rss_mb=1024, during=None, root_only=False, not_root=False):
        self.name = name
        self.build = build            # build(root) -> None
        self.exit_code = exit_code    # an int, or a set of allowed codes
        self.findings = findings      # sorted list of (code, value) that must be exactly the findings, or None
        self.skipped = skipped or []  # [(path suffix, reason prefix)] that must be among the skipped
        self.args = list(args)
        self.timeout = timeout
        self.max_rss_mb = max_rss_mb
        self.during = during          # during(root, stop_event): runs beside the scan
        self.not_root = not_root      # meaningless as root (permissions)


CASES = []


def case(*a, **kw):
    CASES.append(Case(*a, **kw))


# --- bytes and encodings -------------------------------------------------------------------
case('random-bytes', lambda r: write(r, 'compose.yaml', b'\0' + random.Random(1).randbytes(20000)),
     exit_code=0, findings=[], skipped=[('compose.yaml', 'binary')])
case('random-bytes-without-nul', lambda r: write(r, 'compose.yaml', random.Random(2).randbytes(20000).replace(b'\0', b'.')),
     exit_code=0, findings=[('PP103', None)])
case('nul-in-yaml', lambda r: write(r, 'compose.yaml', COMPOSE_254.replace('web:1.0', 'web\0')),
     exit_code=0, findings=[], skipped=[('compose.yaml', 'binary')])
case('invalid-utf8-value', lambda r: write(r, 'compose.yaml', COMPOSE_254.encode().replace(b'web:1.0', b'w\xc3\x28b')),
     exit_code=1, findings=[('PP201', 254)])
case('bom-and-crlf', lambda r: write(r, 'compose.yaml', '\ufeff' + COMPOSE_254.replace('\n', '\r\n')),
     exit_code=1, findings=[('PP201', 254)])
case('cr-only-line-ends', lambda r: write(r, 'app.env', 'A=1\rPORT=254\rB=2\r'), exit_code={0, 1})
case('only-a-bom', lambda r: write(r, 'compose.yaml', '\ufeff'), exit_code=0, findings=[])
case('empty-file', lambda r: write(r, 'compose.yaml', ''), exit_code=0, findings=[])
case('name-with-newline', lambda r: write(r, 'a\nb/compose.yaml', COMPOSE_254), exit_code=1, findings=[('PP201', 254)])
case('name-invalid-utf8', lambda r: write(r, b'\xff\xfe/compose.yaml', COMPOSE_254), exit_code=1,
     findings=[('PP201', 254)])

# --- file-system oddities --------------------------------------------------------------------


def fifo(r):
    os.mkfifo(os.path.join(r, 'compose.yaml'))
    write(r, 'ok/compose.yaml', COMPOSE_254)


case('fifo', fifo, exit_code=1, findings=[('PP201', 254)], skipped=[('compose.yaml', 'not a regular file')])


def symlink_loop(r):
    os.makedirs(os.path.join(r, 'a'))
    os.symlink('..', os.path.join(r, 'a', 'up'))
    os.symlink('loop.yaml', os.path.join(r, 'loop.yaml'))
    write(r, 'a/compose.yaml', COMPOSE_254)


case('symlink-loops', symlink_loop, exit_code=1, findings=[('PP201', 254)],
     skipped=[('a/up', 'symlink to a directory'), ('loop.yaml', 'unreadable')])
case('dangling-symlink', lambda r: os.symlink('missing.yaml', os.path.join(r, 'compose.yaml')), exit_code=0,
     skipped=[('compose.yaml', 'broken symlink')])
case('link-to-dev-zero', lambda r: os.symlink('/dev/zero', os.path.join(r, 'compose.yaml')), exit_code=0,
     findings=[], skipped=[('compose.yaml', 'not a regular file')])


def unreadable_file(r):
    p = write(r, 'compose.yaml', COMPOSE_254)
    os.chmod(p, 0)


def unreadable_dir(r):
    write(r, 'locked/compose.yaml', COMPOSE_254)
    os.chmod(os.path.join(r, 'locked'), 0)


case('unreadable-file', unreadable_file, exit_code=0, skipped=[('compose.yaml', 'unreadable')], not_root=True)
case('unreadable-folder', unreadable_dir, exit_code=0, skipped=[('locked', 'unreadable')], not_root=True)


def unix_socket(r):
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(r, 'app.sock.yaml'))
    s.close()


case('unix-socket', unix_socket, exit_code=0, skipped=[('app.sock.yaml', 'not a regular file')])


def sparse_gigabyte(r):
    with open(os.path.join(r, 'compose.yaml'), 'wb') as f:
        f.truncate(1 << 30)


case('sparse-1gb', sparse_gigabyte, exit_code=0, findings=[], skipped=[('compose.yaml', 'larger than 1048576 bytes')])
case('over-size-limit', lambda r: write(r, 'compose.yaml', COMPOSE_254 + '#' * (2 << 20)), exit_code=0,
     skipped=[('compose.yaml', 'larger than 1048576 bytes')])
case('3mb-single-line',
     lambda r: write(r, 'app.json', '{"data": "' + 'x' * (3 << 20) + '", "port": 254}'),
     args=['--max-file-size', '4000000'], exit_code=1, findings=[('PP201', 254)])


def many_files(r):
    for i in range(100):
        d = os.path.join(r, 'd%03d' % i)
        os.makedirs(d)
        for j in range(1000):
            open(os.path.join(d, 'f%04d.yaml' % j), 'wb').close()
    write(r, 'compose.yaml', COMPOSE_254)


case('100000-empty-files', many_files, exit_code=1, findings=[('PP201', 254)], timeout=300)


def changing_file(root, stop):
    p = os.path.join(root, 'churn', 'compose.yaml')
    n = 0
    while not stop.is_set():
        with open(p, 'wb') as f:
            f.write((COMPOSE_254 * (1 + n % 50)).encode())
        with open(p, 'r+b') as f:
            f.truncate(n % 300)
        n += 1


def churn_tree(r):
    for i in range(300):
        write(r, 'churn/f%03d.yaml' % i, COMPOSE_254)
    write(r, 'churn/compose.yaml', COMPOSE_254)


case('file-changing-while-read', churn_tree, exit_code={0, 1}, during=changing_file)


def deleting(root, stop):
    d = os.path.join(root, 'churn')
    while not stop.is_set():
        for i in range(300):
            p = os.path.join(d, 'f%03d.yaml' % i)
            try:
                os.remove(p)
            except FileNotFoundError:
                with open(p, 'w') as f:
                    f.write(COMPOSE_254)


case('files-deleted-between-listing-and-reading', churn_tree, exit_code={0, 1}, during=deleting)

# --- parse errors and nesting --------------------------------------------------------------
case('yaml-unclosed-flow', lambda r: write(r, 'compose.yaml',
                                           'services:\n  a:\n    ports: ["8080:80"\n  b:\n    ports:\n      - "254:1"\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)])
case('yaml-tab-indent', lambda r: write(r, 'compose.yaml', 'services:\n  a:\n    ports:\n\t- "254:80"\n'),
     exit_code=0, findings=[('PP103', None)])
case('json-truncated', lambda r: write(r, 'app.json', '{\n  "port": 254,\n  "server": {"listen": 8080\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)])
case('toml-unclosed-string', lambda r: write(r, 'fly.toml', '[http]\nport = 254\nname = "open\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)])
case('yaml-20000-deep-then-port', lambda r: write(r, 'app.yaml', 'a: ' + '[' * 20000 + ']' * 20000 + '\nport: 254\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)])
case('json-20000-deep-then-port', lambda r: write(r, 'app.json', '{"a": ' + '[' * 20000 + ']' * 20000 + ', "port": 254}'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)])
case('json-20000-deep-unclosed', lambda r: write(r, 'app.json', '{"port": 254, "a": ' + '[' * 20000), exit_code={0, 1})
case('yaml-alias-bomb', lambda r: write(r, 'app.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + ''.join(
    'l%d: &l%d [%s]\n' % (i, i, ','.join(['*' + ('a' if i == 0 else 'l%d' % (i - 1))] * 9)) for i in range(12)) +
    'port: 254\n'), exit_code=1, findings=[('PP201', 254)], max_rss_mb=512)
case('5000-digit-number', lambda r: write(r, 'app.yaml', 'port: ' + '9' * 5000 + '\n'), exit_code=0, findings=[])
case('100000-documents', lambda r: write(r, 'k8s.yaml', '---\na: 1\n' * 100000 + '---\nport: 254\n'),
     exit_code=1, findings=[('PP201', 254)])
case('colons', lambda r: write(r, 'app.env', 'X=' + ':1' * 400000 + '\nPORT=254\n'), exit_code=1,
     findings=[('PP201', 254)])
case('nginx-unbalanced', lambda r: write(r, 'nginx.conf', 'http {\n server {\n  listen 254;\n' + '{' * 5000),
     exit_code={0, 1})
case('hcl-unclosed-heredoc', lambda r: write(r, 'main.tf', 'resource "x" "y" {\n  from_port = 254\n  s = <<EOF\nabc\n'),
     exit_code={0, 1})
case('dockerfile-10000-continuations', lambda r: write(r, 'Dockerfile', 'FROM x\nRUN a \\\n' + '  b \\\n' * 10000 +
                                                          '  c\nEXPOSE 254\n'),
     exit_code=1, findings=[('PP201', 254)])
case('env-100000-lines', lambda r: write(r, '.env', ''.join('K%d=v\n' % i for i in range(100000)) + 'PORT=254\n'),
     exit_code=1, findings=[('PP201', 254)])
case('shell-unclosed-heredoc', lambda r: write(r, 'run.sh', '#!/bin/sh\nnc -l 254\ncat <<EOF\nnever closed\n'),
     exit_code=1, findings=[('PP201', 254)])

# --- source code shapes that were slow ---------------------------------------------------------
case('go-20000-escapes', lambda r: write(r, 'main.go', 'package main\n\nvar b = "' + '\\x41' * 20000 +
                                            '"\n\nfunc main() { net.Listen("tcp", ":254") }\n'),
     exit_code=1, findings=[('PP201', 254)], timeout=30)
case('python-5000-arguments', lambda r: write(r, 'app.py', 'f(' + '1, ' * 5000 + '1)\nsock.bind(("", 254))\n'),
     exit_code=1, findings=[('PP201', 254)], timeout=30)
case('python-chain-20000-deep', lambda r: write(r, 'app.py', 'x = a' + '.b()' * 20000 + '\nsock.bind(("", 254))\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)], timeout=30)
case('js-concat-20000', lambda r: write(r, 'app.js', '// long\nconst s = ' + '"a" + ' * 20000 + '"a";\nserver.listen(254);\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)], timeout=30)
# Blanked past 4096 levels (one PP103), and what remains is still too deep for the query (another).
case('code-20000-brackets', lambda r: write(r, 'app.js', '// deep\nconst a = ' + '[' * 20000 + ']' * 20000 +
                                               ';\nserver.listen(254);\n'),
     exit_code=1, findings=[('PP103', None), ('PP103', None), ('PP201', 254)], timeout=30)
case('over-budget', lambda r: write(r, 'app.py', ''.join('x%d = f(%d)\n' % (i, i) for i in range(40000)) +
                                    'sock.bind(("", 254))\n'),
     args=['--file-budget', '0.001'], exit_code=0, findings=[], skipped=[('app.py', 'scan budget exceeded after')])

# --- configuration -----------------------------------------------------------------------------
case('broken-config', lambda r: (write(r, '.portpolicy.yaml', 'rules: [\n'), write(r, 'compose.yaml', COMPOSE_254)),
     exit_code=2)
# Found by fuzz-yaml: yaml-cpp 0.7 loops forever, growing, on a document that opens with ','.
LEADING_COMMA = '---\n, "until nc -z postgres 5432; do sleep 2; done"]\n  - name: dns\n'
case('yaml-document-opens-with-comma', lambda r: write(r, 'k8s.yaml', LEADING_COMMA + '---\nport: 254\n'),
     exit_code=1, findings=[('PP103', None), ('PP201', 254)], timeout=20)
case('config-opens-with-comma', lambda r: (write(r, '.portpolicy.yaml', ', x]\n'), write(r, 'compose.yaml', COMPOSE_254)),
     exit_code=2, timeout=20)
case('deep-config', lambda r: (write(r, '.portpolicy.yaml', 'rules: ' + '[' * 20000 + '\n'),
                               write(r, 'compose.yaml', COMPOSE_254)), exit_code=2)
# A .portpolicy.yaml that is no regular file is no configuration: it is never opened (a FIFO
# would block the run), and the defaults apply.
case('config-is-a-fifo', lambda r: (os.mkfifo(os.path.join(r, '.portpolicy.yaml')), write(r, 'compose.yaml', COMPOSE_254)),
     exit_code=1, findings=[('PP201', 254)], timeout=20)


def snapshot(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            try:
                if os.path.isfile(p) and not os.path.islink(p) and os.path.getsize(p) < (64 << 20):
                    with open(p, 'rb') as fh:
                        out[p] = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                pass
    return out


def wait_measured(proc, timeout):
    """The output, exit code and peak memory (MB) of this one child: its own rusage, not the
    maximum over every child so far. Kills the process group past `timeout`."""
    chunks = {}

    def drain(name, pipe):
        chunks[name] = pipe.read()

    readers = [threading.Thread(target=drain, args=(n, p)) for n, p in (('out', proc.stdout), ('err', proc.stderr))]
    for t in readers:
        t.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid != 0:
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            for t in readers:
                t.join()
            proc.returncode = -signal.SIGKILL
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.005)
    for t in readers:
        t.join()
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    proc.returncode = code
    return chunks['out'], chunks['err'], code, usage.ru_maxrss / 1024


def run_case(binary, c, base):
    root = tempfile.mkdtemp(prefix='hostile-', dir=base)
    try:
        c.build(root)
        before = snapshot(root) if c.during is None else None
        stop = threading.Event()
        helper = threading.Thread(target=c.during, args=(root, stop)) if c.during else None
        if helper:
            helper.start()
        cmd = [binary, 'check', '--format', 'json', '-j', '2'] + c.args + ['.']
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err, returncode, rss_mb = wait_measured(proc, c.timeout)
        except subprocess.TimeoutExpired:
            return [f'did not finish within {c.timeout} s']
        finally:
            if helper:
                stop.set()
                helper.join()
        elapsed = time.monotonic() - start
        problems = []
        if returncode < 0:
            return [f'killed by signal {-returncode}: {err.decode(errors="replace")[-2000:]}']
        allowed = c.exit_code if isinstance(c.exit_code, set) else {c.exit_code}
        if c.exit_code is not None and returncode not in allowed:
            problems.append(f'exit {returncode}, expected {sorted(allowed)}: {err.decode(errors="replace")[-500:]}')
        if returncode == 2:
            if b'.portpolicy.yaml' not in err and c.exit_code == 2:
                problems.append(f'the error does not name the configuration: {err.decode(errors="replace")}')
            if not problems:
                print(f'  ok    {c.name} ({elapsed:.2f} s, {rss_mb:.0f} MB, exit {returncode})')
            return problems
        try:
            doc = json.loads(out)
        except ValueError as e:
            return problems + [f'output is not JSON: {e}']
        got = sorted((f['code'], f['value']) for f in doc['findings'] if not f['suppressed'])
        if c.findings is not None:
            want = sorted(c.findings, key=lambda x: (x[0], -1 if x[1] is None else x[1]))
            got_cmp = sorted(got, key=lambda x: (x[0], -1 if x[1] is None else x[1]))
            if got_cmp != want:
                problems.append(f'findings {got_cmp}, expected {want}')
        skipped = [(s['path'], s['reason']) for s in doc['summary']['files_skipped']]
        for suffix, reason in c.skipped:
            if not any(p.endswith(suffix) and r.startswith(reason) for p, r in skipped):
                problems.append(f'no skip of *{suffix} with reason "{reason}...": {skipped[:10]}')
        if rss_mb > c.max_rss_mb:
            problems.append(f'peak memory {rss_mb:.0f} MB, bound {c.max_rss_mb} MB')
        if before is not None and snapshot(root) != before:
            problems.append('a scanned file was changed')
        if not problems:
            print(f'  ok    {c.name} ({elapsed:.2f} s, {rss_mb:.0f} MB, exit {returncode})')
        return problems
    finally:
        for d, dirs, _ in os.walk(root):
            for x in dirs:
                try:
                    os.chmod(os.path.join(d, x), 0o755)
                except OSError:
                    pass
        shutil.rmtree(root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--bin')
    ap.add_argument('--only', nargs='*')
    ap.add_argument('--list', action='store_true')
    args = ap.parse_args()
    if args.list:
        for c in CASES:
            print(c.name)
        return 0
    if not args.bin:
        ap.error('--bin is required')
    binary = os.path.abspath(args.bin)
    base = tempfile.mkdtemp(prefix='portpolicy-hostile-')
    failed = 0
    try:
        for c in CASES:
            if args.only and c.name not in args.only:
                continue
            if c.not_root and os.geteuid() == 0:
                print(f'  n/a   {c.name} (permissions do not bind root)')
                continue
            problems = run_case(binary, c, base)
            if problems:
                failed += 1
                print(f'  FAIL  {c.name}')
                for p in problems:
                    print(f'        {p}')
    finally:
        shutil.rmtree(base, ignore_errors=True)
    total = len([c for c in CASES if not args.only or c.name in args.only])
    print(f'{total - failed}/{total} hostile inputs have their expected outcome')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
