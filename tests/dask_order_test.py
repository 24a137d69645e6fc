#!/usr/bin/env python3
"""The Dask driver's listing and shard runner, without a cluster.

scale/dask_extract.py must list the documents exactly as `solieu extract`
does (cli/inputs.cc) and give every record the "doc" one machine gives it.
Here its shards run in this process (run_shard, as a worker runs them), one
after the other, and their output, concatenated, must be byte for byte
`solieu extract` of the same inputs, for awkward trees (names sorted by
bytes, ".txt" and "..txt", upper-case .TXT, names with quotes, backslashes,
newlines and invalid UTF-8, empty folders, a folder without documents, a
dangling link, a missing path, stdin), in every mode (shared filesystem,
--ship, --jsonl-in) and for several shard sizes.  The exit status (0 or 2)
must match too.

Usage: dask_order_test.py SOLIEU
"""

import io
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'scale'))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import dask_extract as dx  # noqa: E402

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print('FAIL: ' + what)


def single(solieu, args, stdin=b'', jsonl_in=False, cwd=None):
    cmd = [solieu, 'extract'] + (['--jsonl-in'] if jsonl_in else []) + ['--'] + args
    p = subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd)
    assert p.returncode in (0, 2), (cmd, p.returncode, p.stderr)
    return p.stdout, p.returncode


def merged(solieu, args, stdin=b'', jsonl_in=False, ship=False, shard_docs=1, shard_bytes=1 << 20, cwd=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        items = dx.input_items(args, ship=ship, jsonl_in=jsonl_in, max_doc_bytes=256 << 20,
                               stdin=io.BytesIO(stdin))
        out, status, shards = [], 0, 0
        for shard in dx.make_shards(items, shard_docs, shard_bytes, ship):
            r = dx.run_shard(solieu, [], os.getcwd(), shard.items, jsonl_in)
            assert r['error'] is None, (shard.first, r['error'])
            out.append(r['out'])
            status = max(status, r['status'])
            shards += 1
        return b''.join(out), status, shards
    finally:
        os.chdir(old)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def main():
    solieu = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        t = os.fsencode(tmp)
        root = os.path.join(t, b'tree')
        doc = 'Huyện có 1.730 đảng viên, đạt 74,4% kế hoạch năm 2023.\n'.encode()
        for i, name in enumerate([b'b.txt', b'B.txt', b'a.txt', b'_x.txt', b'a b.txt', b'\xc4\x90\xc3\xa0 N\xe1\xba\xb5ng.txt',
                                  b'.txt', b'..txt', b'x.TXT', b'page.html', b'page.htm', b'x.HTML', b'.html', b'notes.md', b'q"uote.txt', b'back\\slash.txt',
                                  b'new\nline.txt', b'bad\xffutf8.txt', b'tab\there.txt', b'sub/z.txt', b'sub/a.txt',
                                  b'sub/deeper/m.txt', b'sub.txt', b'sub-/k.txt', b'sub0/k.txt', b'empty/readme.md']):
            write(os.path.join(root, name), doc + b'%d%%\n' % i)
        os.makedirs(os.path.join(root, b'emptydir/inner'))
        os.symlink(b'nowhere.txt', os.path.join(root, b'dangling.txt'))
        write(os.path.join(root, b'utf16.txt'), '\ufeffTỉ lệ 12,5% năm 2022'.encode('utf-16-le'))
        write(os.path.join(root, b'cp1258.txt'), 'Tăng 3% so với năm trước'.encode('cp1258', 'replace'))
        write(os.path.join(root, b'binary.txt'), bytes(range(256)) * 4)
        nodocs = os.path.join(t, b'nodocs')
        os.makedirs(os.path.join(nodocs, b'a/b'))
        write(os.path.join(nodocs, b'a/readme.md'), b'x')

        # The listing alone: every document once, in solieu's order.
        out, _ = single(solieu, [root])
        docs = [line.split(b'"doc":', 1)[1].split(b',"', 1)[0] for line in out.splitlines()]
        listed = [dx.json_string(i[1]) for i in dx.input_paths([root])]
        check(docs == listed, 'listing of the tree: %r != %r' % (listed, docs))
        check(all(b'x.TXT' not in d and not d.endswith(b'/.txt"') for d in docs), '.TXT and .txt are not documents')
        check(any(d.endswith(b'/..txt"') for d in docs), '..txt is a document')

        # Everything at once (a missing path, the tree, a folder without
        # documents, an empty folder, stdin twice, a subfolder and files named
        # again, a name with a trailing slash), then relative paths.  Shards
        # of 4 documents cut across inputs; 1000 makes one shard (or a few
        # with --ship, which runs what it cannot read in the driver).
        args = [os.path.join(t, b'missing'), root, nodocs, os.path.join(root, b'emptydir'), b'-', b'-',
                os.path.join(root, b'sub/'), os.path.join(root, b'a.txt'), os.path.join(root, b'notes.md')]
        want, want_status = single(solieu, args, stdin=doc)
        check(want_status == 2, 'the single run reports unreadable documents')
        for ship in (False, True):
            for shard_docs in (4, 1000):
                got, status, shards = merged(solieu, args, stdin=doc, ship=ship, shard_docs=shard_docs)
                what = 'ship=%s shard_docs=%d (%d shards)' % (ship, shard_docs, shards)
                check(got == want, 'output differs: ' + what)
                if got != want:
                    for a, b in zip(got.splitlines(), want.splitlines()):
                        if a != b:
                            print('  got  %r\n  want %r' % (a[:200], b[:200]))
                check(status == want_status, 'status %d != %d: %s' % (status, want_status, what))
        rel = [b'tree/sub', b'./tree/sub/deeper', b'tree//sub0/', b'tree/a.txt']
        want, _ = single(solieu, rel, cwd=tmp)
        for ship in (False, True):
            got, _, _ = merged(solieu, rel, ship=ship, shard_docs=2, cwd=tmp)
            check(got == want, 'relative paths, ship=%s' % ship)

        # --jsonl-in: ids given or not, lines that are not documents, blank lines.
        lines = [b'{"id": "a", "text": "T\xe1\xbb\x89 l\xe1\xbb\x87 45%"}', b'', b'   \r',
                 b'{"text": "c\xc3\xb3 12 x\xc3\xa3", "url": "https://baochinhphu.vn/x.htm"}', b'not json',
                 b'{"id": 7, "text": "8%"}', b'{"id": 1.5, "text": "9%"}', b'{"id": null, "text": "10%"}',
                 b'{"id": "q", "txt": "no text"}', b'{"text": 5}', b'[1, 2]', b'{"id": "-:3", "text": "11%"}',
                 b'{"id": "-:9", "text": "12%"}', b'{"text": "13%"}\r', b'{"id": "\xff", "text": "14%"}']
        jl = os.path.join(t, b'in.jsonl')
        write(jl, b'\n'.join(lines))  # no newline after the last line
        sub = os.path.join(t, b'jl/more.txt')
        write(sub, b'{"text": "1%"}\n\nbroken\n')
        args = [jl, b'-', os.path.join(t, b'jl'), os.path.join(t, b'nope.jsonl')]
        stdin = b'{"text": "2%"}\n{bad\n'
        want, want_status = single(solieu, args, stdin=stdin, jsonl_in=True)
        check(want.count(b'\n') == 18, '--jsonl-in: %d records' % want.count(b'\n'))
        for ship in (False, True):
            for shard_docs in (3, 1000):
                got, status, shards = merged(solieu, args, stdin=stdin, jsonl_in=True, ship=ship, shard_docs=shard_docs)
                what = '--jsonl-in ship=%s shard_docs=%d (%d shards)' % (ship, shard_docs, shards)
                check(got == want, 'output differs: ' + what)
                if got != want:
                    for a, b in zip(got.splitlines(), want.splitlines()):
                        if a != b:
                            print('  got  %r\n  want %r' % (a[:120], b[:120]))
                check(status == want_status, 'status: ' + what)

        # scale/solieu-pipe.sh as Spark's RDD.pipe runs it: lines with ids,
        # zipWithIndex, shuffled into partitions, one pipe per partition, then
        # sorted by index: the records of one machine's run.  A line that is
        # not a document is a success (status 2 -> 0), a rule error a failure.
        pipe = os.path.join(os.path.dirname(HERE), 'scale', 'solieu-pipe.sh')
        env = dict(os.environ, SOLIEU=solieu)
        docs_in = [b'{"id": "d%03d", "text": "T\xe1\xbb\x89 l\xe1\xbb\x87 %d%% n\xc4\x83m 2023"}' % (i, i)
                   for i in range(12)] + [b'not a document']
        jl = os.path.join(t, b'ids.jsonl')
        write(jl, b''.join(line + b'\n' for line in docs_in))
        want, _ = single(solieu, [jl], jsonl_in=True)
        indexed = list(enumerate(docs_in))
        partitions = [indexed[i::3] for i in range(3)]  # a shuffle: every third line
        pairs = []
        for part in reversed(partitions):
            p = subprocess.run([pipe], input=b''.join(line + b'\n' for _, line in part), capture_output=True, env=env)
            check(p.returncode == 0, 'solieu-pipe.sh: status %d' % p.returncode)
            pairs += zip((i for i, _ in part), p.stdout.splitlines(keepends=True))
        got = [record for _, record in sorted(pairs)]
        # Lines with an id: one machine's records.  The line without one is
        # named by its place in its partition (why the README asks for ids).
        check(b''.join(got[:-1]) == b''.join(want.splitlines(keepends=True)[:-1]),
              'solieu-pipe.sh partitions, sorted by index')
        check(len(got) == 13 and got[-1] == b'{"doc":"-:5","error":"line 5 is not a JSON object"}\n',
              'solieu-pipe.sh: the line that is not a document: %r' % got[-1:])
        p = subprocess.run([pipe, '--rules', os.path.join(t, b'no-rules')], input=docs_in[0] + b'\n',
                           capture_output=True, env=env)
        check(p.returncode == 1, 'solieu-pipe.sh: a rule error fails (status %d)' % p.returncode)

        # Shards are cut by documents and by shipped bytes.
        items = list(dx.input_items([root], ship=True, max_doc_bytes=256 << 20))
        shards = list(dx.make_shards(iter(items), 4, 1 << 20, True))
        check([s.index for s in shards] == list(range(len(shards))), 'shard indices')
        check(sum(s.docs for s in shards) == len(docs), 'every document in one shard')
        check(all(s.docs <= 4 for s in shards), 'at most 4 documents a shard')
        big = list(dx.make_shards(iter(items), 1000, 200, True))
        check(len(big) > 5, 'shard size by bytes')

        check(dx.json_string(b'a"b\\c\n\x01\x7f\xc3\xa0\xff') == b'"a\\"b\\\\c\\n\\u0001\x7f\xc3\xa0\xef\xbf\xbd"',
              'json_string')
    if failures:
        print('dask_order_test: %d failures' % failures)
        return 1
    print('dask_order_test: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
