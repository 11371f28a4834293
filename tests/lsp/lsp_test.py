#!/usr/bin/env python3
"""Drives `portpolicy lsp` as an editor would, over JSON-RPC on its standard input and
output: open -> diagnostics -> hover -> code action -> change -> cleared diagnostics ->
shutdown, and the bad inputs a server must survive.

    lsp_test.py --bin build/portpolicy
    lsp_test.py --bin PREFIX/bin/portpolicy --installed-docs PREFIX/share/doc/portpolicy/rules
        (an installed server links each diagnostic to its rule's installed document)
"""

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
import urllib.parse

COMPOSE_254 = 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "254:80"\n'


def uri(path):
    return 'file://' + urllib.parse.quote(path)


class Client:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen([binary, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.buf = b''
        self.next_id = 1
        self.inbox = []

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b'Content-Length: %d\r\n\r\n' % len(body) + body)

    def notify(self, method, params):
        self.send({'jsonrpc': '2.0', 'method': method, 'params': params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({'jsonrpc': '2.0', 'id': rid, 'method': method, 'params': params})
        return self.wait(lambda m: m.get('id') == rid and 'method' not in m)

    def read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            head_end = self.buf.find(b'\r\n\r\n')
            if head_end >= 0:
                head = self.buf[:head_end].decode()
                length = int([h for h in head.split('\r\n') if h.lower().startswith('content-length:')][0].split(':')[1])
                if len(self.buf) >= head_end + 4 + length:
                    body = self.buf[head_end + 4:head_end + 4 + length]
                    self.buf = self.buf[head_end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError('the server closed its output; stderr: ' + self.proc.stderr.read().decode())
            self.buf += chunk

    def wait(self, pred, timeout=20):
        for i, m in enumerate(self.inbox):
            if pred(m):
                return self.inbox.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = self.read_message(deadline - time.monotonic())
            if m is None:
                break
            if pred(m):
                return m
            self.inbox.append(m)
        raise AssertionError('no matching message within %d s; received: %s' % (timeout, self.inbox))

    def diagnostics(self, doc_uri, version=None, timeout=20):
        """The next diagnostics published for doc_uri; with a version, those of that version
        (earlier publications for the document are dropped)."""
        def about(m):
            return m.get('method') == 'textDocument/publishDiagnostics' and m['params']['uri'] == doc_uri

        m = self.wait(lambda m: about(m) and (version is None or m['params'].get('version') == version), timeout)
        if version is not None:
            self.inbox = [o for o in self.inbox if not (about(o) and o['params'].get('version', 0) < version)]
        return m['params']['diagnostics']


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def open_compose(c, tree, init_options=None):
    """initialize, then open an unsaved compose file publishing 254: its diagnostics."""
    params = {'processId': os.getpid(), 'rootUri': uri(tree), 'capabilities': {}}
    if init_options is not None:
        params['initializationOptions'] = init_options
    c.request('initialize', params)
    c.notify('initialized', {})
    doc = uri(os.path.join(tree, 'compose.yaml'))
    c.notify('textDocument/didOpen', {'textDocument': {'uri': doc, 'languageId': 'yaml', 'version': 1,
                                                       'text': COMPOSE_254}})
    return c.diagnostics(doc)


def shut_down(c):
    c.request('shutdown', None)
    c.notify('exit', None)
    check(c.proc.wait(timeout=10) == 0, 'exit code after shutdown')


def installed_docs(binary, docs):
    with tempfile.TemporaryDirectory() as tree:
        c = Client(binary, tree)
        diags = open_compose(c, tree)
        href = diags[0].get('codeDescription', {}).get('href')
        check(href == uri(os.path.join(docs, 'PP201.md')), 'codeDescription of the installed server: %s' % diags[0])
        text = open(urllib.parse.unquote(href[len('file://'):])).read()
        check(text.startswith('# PP201 reserved-port'), 'the linked document: %s' % text[:80])
        shut_down(c)
    print('lsp: the installed server links its diagnostics to the installed rule documents')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--installed-docs')
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if args.installed_docs:
        return installed_docs(binary, os.path.abspath(args.installed_docs))

    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, 'my project')
        os.makedirs(tree)
        open(os.path.join(tree, '.portpolicy.yaml'), 'w').write('')
        compose = os.path.join(tree, 'compose.yaml')  # never written: the buffer is unsaved
        c = Client(binary, tree)

        # Before initialize, requests are refused.
        r = c.request('textDocument/hover', {'textDocument': {'uri': uri(compose)}, 'position': {'line': 0, 'character': 0}})
        check(r.get('error', {}).get('code') == -32002, 'hover before initialize: %s' % r)

        r = c.request('initialize', {'processId': os.getpid(), 'rootUri': uri(tree), 'capabilities': {}})
        caps = r['result']['capabilities']
        check(caps['hoverProvider'] and caps['codeActionProvider'], 'capabilities: %s' % caps)
        c.notify('initialized', {})

        # Open an unsaved buffer publishing 254: one PP201 diagnostic on the literal.
        doc = uri(compose)
        c.notify('textDocument/didOpen', {'textDocument': {'uri': doc, 'languageId': 'yaml', 'version': 1,
                                                           'text': COMPOSE_254}})
        diags = c.diagnostics(doc)
        check(len(diags) == 1, 'diagnostics on open: %s' % diags)
        d = diags[0]
        check(d['code'] == 'PP201' and d['source'] == 'portpolicy' and d['severity'] == 2, 'diagnostic: %s' % d)
        check(d['range'] == {'start': {'line': 4, 'character': 9}, 'end': {'line': 4, 'character': 12}},
              'range: %s' % d['range'])
        check('port 254/tcp+udp is reserved by IANA' in d['message'], 'message: %s' % d['message'])

        # The message is the command line's.
        cli = subprocess.run([binary, 'check', '--format', 'json', '--stdin-filename', compose, '-'],
                             input=COMPOSE_254.encode(), capture_output=True, cwd=tree)
        check(json.loads(cli.stdout)['findings'][0]['message'] == d['message'], 'message differs from check')

        # Hover on the literal explains the port; on no literal, nothing.
        r = c.request('textDocument/hover', {'textDocument': {'uri': doc}, 'position': {'line': 4, 'character': 10}})
        value = r['result']['contents']['value']
        check('254' in value and 'Reserved' in value and '2026-08-17' in value and 'PP201' in value,
              'hover: %s' % value)
        r = c.request('textDocument/hover', {'textDocument': {'uri': doc}, 'position': {'line': 0, 'character': 2}})
        check(r['result'] is None, 'hover off a literal: %s' % r)
        r = c.request('textDocument/hover', {'textDocument': {'uri': doc}, 'position': {'line': 900, 'character': 99}})
        check('result' in r and r['result'] is None, 'hover out of range: %s' % r)

        # Code actions: the suggested port, and an ignore comment in YAML's syntax.
        r = c.request('textDocument/codeAction', {'textDocument': {'uri': doc}, 'range': d['range'],
                                                  'context': {'diagnostics': [d]}})
        actions = r['result']
        titles = [a['title'] for a in actions]
        use = [a for a in actions if a['title'].startswith('Use port ')]
        check(len(use) == 1, 'code actions: %s' % titles)
        edit = use[0]['edit']['changes'][doc][0]
        port = int(edit['newText'])
        check(49152 <= port <= 65535 and edit['range'] == d['range'], 'fix edit: %s' % edit)
        ignore = [a for a in actions if a['title'] == 'Ignore PP201 reserved-port on this line']
        check(len(ignore) == 1, 'code actions: %s' % titles)
        check(ignore[0]['edit']['changes'][doc][0]['newText'] == '  # portpolicy: ignore[PP201]',
              'ignore edit: %s' % ignore[0])

        # The same edit as check --fix would make.
        preview = subprocess.run([binary, 'check', '--fix-preview', '--stdin-filename', compose, '-'],
                                 input=COMPOSE_254.encode(), capture_output=True, cwd=tree)
        check(('+      - "%d:80"' % port) in preview.stdout.decode(), 'fix preview: %s' % preview.stdout)

        # Apply the fix: the diagnostics clear.
        fixed = COMPOSE_254.replace('254:80', '%d:80' % port)
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 2},
                                            'contentChanges': [{'text': fixed}]})
        diags = c.diagnostics(doc, version=2)
        check(diags == [], 'diagnostics after the fix: %s' % diags)

        # The ignore comment is honoured, an unused one is a hint.
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 3}, 'contentChanges': [
            {'text': COMPOSE_254.replace('"254:80"', '"254:80"  # portpolicy: ignore[PP201]')}]})
        check(c.diagnostics(doc, version=3) == [], 'an ignored finding is not shown')
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 4}, 'contentChanges': [
            {'text': fixed.replace(':80"', ':80"  # portpolicy: ignore[PP201]')}]})
        diags = c.diagnostics(doc, version=4)
        check(len(diags) == 1 and diags[0]['severity'] == 4 and diags[0]['code'] == 'PP901', 'unused ignore: %s' % diags)

        # A broken configuration is a diagnostic on the configuration file, and the server lives.
        config = os.path.join(tree, '.portpolicy.yaml')
        open(config, 'w').write('rules:\n  reserverd-port: off\n')
        c.notify('textDocument/didSave', {'textDocument': {'uri': uri(config)}})
        cdiags = c.diagnostics(uri(config))
        check(len(cdiags) == 1 and "unknown rule 'reserverd-port'" in cdiags[0]['message'] and
              cdiags[0]['range']['start'] == {'line': 1, 'character': 2}, 'config diagnostics: %s' % cdiags)
        open(config, 'w').write('rules:\n  reserved-port: error\n')
        c.notify('textDocument/didSave', {'textDocument': {'uri': uri(config)}})
        check(c.diagnostics(uri(config)) == [], 'config diagnostics cleared')
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 5}, 'contentChanges': [
            {'text': COMPOSE_254}]})
        diags = c.diagnostics(doc, version=5)
        check(len(diags) == 1 and diags[0]['severity'] == 1, 'the new configuration applies: %s' % diags)

        # Incremental sync, positions in UTF-16 code units: the emoji before the literal is two.
        flow = 'services:\n  web: {image: "\U0001F680", ports: ["254:80"]}\n'
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 6}, 'contentChanges': [
            {'text': flow}]})
        diags = c.diagnostics(doc, version=6)
        at = len('  web: {image: "') + 2 + len('", ports: ["')
        check(len(diags) == 1 and diags[0]['range']['start'] == {'line': 1, 'character': at} and
              diags[0]['range']['end'] == {'line': 1, 'character': at + 3}, 'UTF-16 range: %s' % diags)
        c.notify('textDocument/didChange', {'textDocument': {'uri': doc, 'version': 7}, 'contentChanges': [
            {'range': {'start': {'line': 1, 'character': at}, 'end': {'line': 1, 'character': at + 3}}, 'text': '5123'},
            {'range': {'start': {'line': 1, 'character': at + 4}, 'end': {'line': 1, 'character': at + 4}}, 'text': '4'},
            {'range': {'start': {'line': 2, 'character': 0}, 'end': {'line': 99, 'character': 0}},
             'text': 'x-note: 254\n'}]})
        check(c.diagnostics(doc, version=7) == [], 'after incremental edits')
        r = c.request('textDocument/hover', {'textDocument': {'uri': doc}, 'position': {'line': 1, 'character': at + 1}})
        check('51234' in r['result']['contents']['value'], 'hover after incremental edits: %s' % r)

        # Documents of formats portpolicy does not read, and other schemes: no diagnostics, no crash.
        notes = uri(os.path.join(tree, 'notes.txt'))
        c.notify('textDocument/didOpen', {'textDocument': {'uri': notes, 'languageId': 'plaintext', 'version': 1,
                                                           'text': 'port 254\n'}})
        check(c.diagnostics(notes) == [], 'notes.txt diagnostics')
        c.notify('textDocument/didOpen', {'textDocument': {'uri': 'untitled:Untitled-1', 'languageId': 'yaml',
                                                           'version': 1, 'text': COMPOSE_254}})

        # Malformed JSON, a header without length, unknown methods, bad params: answered, not fatal.
        c.send_raw(b'Content-Length: 9\r\n\r\n{"broken"')
        r = c.wait(lambda m: m.get('error', {}).get('code') == -32700)
        c.send_raw(b'X-Nothing: 1\r\n\r\n')
        r = c.request('workspace/unknownThing', {})
        check(r.get('error', {}).get('code') == -32601, 'unknown method: %s' % r)
        c.notify('$/unknownNotification', {})
        r = c.request('textDocument/hover', {'textDocument': {'uri': doc}})
        check(r.get('error', {}).get('code') == -32602, 'hover without a position: %s' % r)
        r = c.request('textDocument/codeAction', {'textDocument': {'uri': doc}, 'range': {
            'start': {'line': -5, 'character': 0}, 'end': {'line': 10 ** 6, 'character': 0}}})
        check(isinstance(r.get('result'), list), 'code action over any range: %s' % r)

        # Closing clears the document's diagnostics.
        c.notify('textDocument/didClose', {'textDocument': {'uri': doc}})
        check(c.diagnostics(doc) == [], 'diagnostics after close')

        # shutdown, then exit: code 0.
        r = c.request('shutdown', None)
        check('result' in r and r['result'] is None, 'shutdown: %s' % r)
        c.notify('exit', None)
        code = c.proc.wait(timeout=10)
        err = c.proc.stderr.read().decode()
        check(code == 0, 'exit code %s; stderr: %s' % (code, err))
        check(not c.proc.stdout.read(), 'nothing after exit')

        # The client names where rule documents are: each diagnostic links to its own.
        c = Client(binary, tree)
        diags = open_compose(c, tree, {'ruleDocumentation': 'https://docs.example.org/rules/{code}.html'})
        check(diags[0].get('codeDescription') == {'href': 'https://docs.example.org/rules/PP201.html'},
              'codeDescription: %s' % diags[0])
        shut_down(c)

        # A client that watches files is asked to watch configuration files; a change it
        # reports re-checks the open documents under the new configuration.
        c = Client(binary, tree)
        c.request('initialize', {'capabilities': {'workspace': {'didChangeWatchedFiles': {'dynamicRegistration': True}}}})
        c.notify('initialized', {})
        reg = c.wait(lambda m: m.get('method') == 'client/registerCapability')
        watchers = reg['params']['registrations'][0]['registerOptions']['watchers']
        check(reg['params']['registrations'][0]['method'] == 'workspace/didChangeWatchedFiles' and
              watchers == [{'globPattern': '**/.portpolicy.yaml'}], 'registration: %s' % reg)
        c.send({'jsonrpc': '2.0', 'id': reg['id'], 'result': None})
        c.notify('textDocument/didOpen', {'textDocument': {'uri': doc, 'languageId': 'yaml', 'version': 1,
                                                           'text': COMPOSE_254}})
        check(c.diagnostics(doc, version=1)[0]['severity'] == 1, 'error severity from the configuration')
        open(config, 'w').write('rules:\n  reserved-port: off\n')
        c.notify('workspace/didChangeWatchedFiles', {'changes': [{'uri': uri(config), 'type': 2}]})
        check(c.diagnostics(doc, version=1) == [], 'the watched configuration turned the rule off')
        shut_down(c)

        # exit without shutdown: code 1; end of input: the server ends.
        c = Client(binary, tree)
        c.request('initialize', {'capabilities': {}})
        c.notify('exit', None)
        check(c.proc.wait(timeout=10) == 1, 'exit without shutdown')
        c = Client(binary, tree)
        c.proc.stdin.close()
        check(c.proc.wait(timeout=10) == 1, 'end of input without shutdown')
    print('lsp: all checks passed')


if __name__ == '__main__':
    try:
        main()
    except AssertionError as e:
        print('FAIL:', e, file=sys.stderr)
        sys.exit(1)
