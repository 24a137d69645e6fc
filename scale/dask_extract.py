#!/usr/bin/python3
"""solieu extract on a Dask distributed cluster, with a single machine's output.

    python3 scale/dask_extract.py --scheduler tcp://HOST:8786 -o merged.jsonl \
        [--audit findings.jsonl] [--shard-docs N] [--solieu PATH] INPUTS...

The driver lists the input documents exactly as `solieu extract INPUTS...`
would (cli/inputs.cc: paths in the order given; folders walked recursively,
*.txt, *.html and *.htm only, entries in byte order of their names within each folder; `-` for
standard input; with --jsonl-in every line of every input is one document),
cuts them into shards of consecutive documents, and runs one task per shard
on the cluster: `solieu extract` in a subprocess on the worker, whose output
bytes come back to the driver.  The shards' outputs are written in shard
order, so the merged file is byte for byte what one machine writes: every
record names its document as one machine names it (the "doc" field), and
nothing in a record depends on which worker made it.

Where workers find the documents:
  * default: a shared filesystem.  Each task gets the documents' paths as one
    machine sees them and runs in the driver's working directory, so every
    worker must see the same files at the same paths (one machine, NFS, a
    cluster filesystem) and have solieu at the --solieu path.
  * --ship: no shared filesystem.  The driver reads each document and sends
    its bytes with the task; the worker writes them to a private temporary
    folder, runs solieu on them there and puts the original path back into
    "doc".  Raw bytes travel, not JSON text, so documents in any encoding
    (UTF-16, Windows-1258, invalid bytes) give the same records.  Inputs the
    driver cannot read (missing paths, folders without documents) are run by
    the driver's own solieu, so their error records are the same too.
  * --jsonl-in: inputs hold lines {"id": ..., "text": ...}.  The driver reads
    the lines and ships them (either way above); the worker pipes them into
    `solieu extract --jsonl-in -` and restores the ids and line numbers that
    one machine gives a line without an "id" or a line that is not a document.

Memory stays bounded: at most --window shards are in flight or waiting for
their turn to be written, and a shard holds at most --shard-docs documents
and (with --ship or --jsonl-in) about --shard-mb MiB of them.

Output (-o) is written to a temporary file beside it and renamed at the end,
never half-written.  Exit status as solieu's: 0 when every document was
processed, 2 when some could not be read (their error lines are in the
output, their messages on stderr), 1 on a usage error or a failed shard
(solieu missing or failing on a worker, a shard that kills worker after
worker): the message names the shard's first document and nothing is written.
A worker lost mid-run is no failure: Dask runs its shards again elsewhere.
--audit FILE then runs `solieu audit` on the merged records.

Needs Dask distributed in the driver's Python (Debian: python3-distributed,
for /usr/bin/python3) and on the workers; listing the inputs does not.
"""

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import uuid

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2


class DriverError(Exception):
    pass


# --------------------------------------------------------------------------
# JSON strings exactly as solieu writes them (util/json_writer.cc Escaped):
# '"' and '\' escaped, \n \r \t \b \f by name, other bytes below 0x20 as
# \u00XX, everything else raw; invalid UTF-8 becomes U+FFFD per maximal
# subpart, which is what Python's "replace" error handler does too.

_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f]')


def json_string(raw):
    """The JSON string literal (bytes) solieu writes for the bytes `raw`."""
    text = raw.decode('utf-8', 'replace')
    text = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(0), '\\u%04x' % ord(m.group(0))), text)
    return b'"' + text.encode('utf-8') + b'"'


# --------------------------------------------------------------------------
# Input documents, in solieu's order (cli/inputs.cc).
#
# An item is what one task runs for one or more consecutive records:
#   ("path", arg, count)        solieu extract ARG yields `count` records; used
#                               for files on a shared filesystem and for every
#                               input that yields an error record
#   ("stdin", data)             solieu extract - with `data` on stdin (doc "-")
#   ("bytes", doc, data)        --ship: the document's bytes; doc is its path
#   ("line", name, lineno, line)  --jsonl-in: one non-blank line of file `name`
#   ("record", path, line, message)  the error record of a walked file that
#                               cannot be opened (a dangling link), made by the
#                               driver: named on solieu's command line, the
#                               file would get another message
# Paths are bytes (os.fsencode), as solieu sees them.


def _is_document(name):
    """std::filesystem::path(name).extension() is ".txt", ".html" or ".htm"."""
    if name in (b'.', b'..'):
        return False
    dot = name.rfind(b'.')
    return dot > 0 and name[dot:] in (b'.txt', b'.html', b'.htm')


def _sorted_entries(folder):
    """The folder's entries, joined as std::filesystem joins them, sorted by name bytes."""
    names = sorted(os.listdir(folder))  # bytes in, bytes out; raises OSError like directory_iterator
    return [os.path.join(folder, n) for n in names]


def _walk(root):
    """Items for a folder given on the command line."""
    try:
        top = _sorted_entries(root)
    except OSError:
        yield ('path', root, 1)  # solieu reports the listing error itself
        return
    # Until the first document is found, a folder without documents is possible:
    # solieu then reports the errors met on the way and the folder itself,
    # which running solieu on the folder reproduces exactly.
    held = []
    found = False
    stack = [iter(top)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if os.path.isdir(entry):
            try:
                stack.append(iter(_sorted_entries(entry)))
            except OSError:
                item = ('path', entry, 1)
                if found:
                    yield item
                else:
                    held.append(item)
            continue
        if _is_document(os.path.basename(entry)):
            if not found:
                found = True
                yield from held
                held = []
            if os.path.exists(entry):
                yield ('file', entry)
            else:
                # A dangling link: solieu, walking, fails to read it and
                # reports why; named on the command line, it would say "no
                # such file or folder" instead.  Its record, made here:
                yield _unreadable(entry)
    if not found:
        yield ('path', root, len(held) + 1)


def _unreadable(path):
    """The error record solieu writes for a walked file it cannot open."""
    try:
        with open(path, 'rb'):
            return ('file', path)  # there after all
    except OSError as e:
        message = os.strerror(e.errno) if e.errno else str(e)
    return ('record', path, b'{"doc":' + json_string(path) + b',"error":' + json_string(os.fsencode(message)) + b'}\n',
            message)


def input_paths(paths):
    """Items ('file', path), ('path', arg, count), ('record', ...), in solieu's order.

    ('file', path): one readable-looking file (it may still fail to read);
    ('path', arg, count): an input that yields error records only;
    ('record', path, line, message): a walked file that cannot be opened.
    "-" comes out as ('file', b'-').
    """
    for p in paths:
        if p != b'-' and os.path.isdir(p):
            yield from _walk(p)
        elif p != b'-' and not os.path.exists(p):
            yield ('path', p, 1)
        else:
            yield ('file', p)


def _read(path):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except OSError:
        return None


def input_items(paths, ship=False, jsonl_in=False, max_doc_bytes=None, stdin=None):
    """The items to run, in solieu's order (see above)."""
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdin_used = False
    for item in input_paths(paths):
        if item[0] in ('path', 'record'):
            yield item
            continue
        path = item[1]
        if jsonl_in:
            if path == b'-':
                stream, owned = stdin, False
            else:
                try:
                    stream, owned = open(path, 'rb'), True
                except OSError:
                    yield ('path', path, 1)  # solieu names the error
                    continue
            try:
                # std::getline: lines end at \n, a last line without one counts.
                for lineno, line in enumerate(stream, 1):
                    if line.endswith(b'\n'):
                        line = line[:-1]
                    if not line.strip(b' \t\r'):
                        continue  # solieu skips blank lines (but counts them)
                    yield ('line', path, lineno, line)
            finally:
                if owned:
                    stream.close()
            continue
        if path == b'-':
            data = b'' if stdin_used else stdin.read()
            stdin_used = True
            yield ('stdin', data)
            continue
        if not ship:
            yield ('path', path, 1)
            continue
        try:
            size = os.stat(path).st_size
        except OSError:
            size = None
        if size is None or (max_doc_bytes is not None and size > max_doc_bytes):
            yield ('path', path, 1)  # an error record: solieu's own words for it
            continue
        data = _read(path)
        yield ('path', path, 1) if data is None else ('bytes', path, data)


def item_docs(item):
    """How many records an item yields."""
    return item[2] if item[0] == 'path' else 1


def item_bytes(item):
    return len(item[-1]) if item[0] in ('stdin', 'bytes', 'line') else 0


def item_name(item):
    """The first document's name, for messages."""
    kind = item[0]
    if kind == 'stdin':
        return '-'
    if kind == 'line':
        return '%s:%d' % (os.fsdecode(item[1]), item[2])
    return os.fsdecode(item[1])


class Shard:
    def __init__(self, index, items, local):
        self.index = index
        self.items = items
        self.local = local  # run by the driver (--ship: inputs it could not read)
        self.docs = sum(item_docs(i) for i in items)
        self.first = item_name(items[0])


def make_shards(items, shard_docs, shard_bytes, ship):
    """Consecutive items, at most shard_docs records (and ~shard_bytes shipped)."""
    current, docs, size, local, index = [], 0, 0, False, 0
    for item in items:
        is_local = ship and item[0] == 'path'
        if current and (is_local != local or docs + item_docs(item) > shard_docs or
                        (size and size + item_bytes(item) > shard_bytes)):
            yield Shard(index, current, local)
            index += 1
            current, docs, size = [], 0, 0
        current.append(item)
        local = is_local
        docs += item_docs(item)
        size += item_bytes(item)
    if current:
        yield Shard(index, current, local)


# --------------------------------------------------------------------------
# One shard, on a worker (or in the driver).  Run as a script, this file is
# __main__, whose functions cloudpickle sends by value: workers need nothing
# of it, only solieu.

def run_shard(solieu, flags, cwd, items, jsonl_in):
    """Runs solieu over the shard's items; returns a dict:
    out (bytes, the records), status (0 or 2), error (None or a message),
    stderr (bytes), worker (address), seconds."""
    started = time.monotonic()
    try:
        from distributed import get_worker
        worker = get_worker().address
    except Exception:  # in the driver
        worker = 'driver'
    result = {'out': b'', 'status': 0, 'error': None, 'stderr': b'', 'worker': worker}
    outs, errs = [], []
    # Consecutive items of one kind run in one solieu process.
    groups = []
    for item in items:
        if groups and groups[-1][0] == item[0] and item[0] != 'stdin':
            groups[-1][1].append(item)
        else:
            groups.append((item[0], [item]))
    base = [solieu, 'extract'] + list(flags)
    try:
        for kind, group in groups:
            if kind == 'record':
                for item in group:
                    outs.append(item[2])
                    errs.append(b'solieu: ' + item[1] + b': ' + os.fsencode(item[3]) + b'\n')
                result['status'] = 2
                continue
            expected = sum(i[2] if i[0] == 'path' else 1 for i in group)
            tmp = None
            try:
                if kind == 'path':
                    cmd = base + (['--jsonl-in'] if jsonl_in else []) + ['--'] + [i[1] for i in group]
                    proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True)
                elif kind == 'stdin':
                    proc = subprocess.run(base + ['--', '-'], input=group[0][1], capture_output=True)
                elif kind == 'bytes':
                    tmp = tempfile.mkdtemp(prefix='solieu-shard-')
                    names = []
                    for n, item in enumerate(group):
                        name = os.path.join(os.fsencode(tmp), b'%06d.txt' % n)
                        with open(name, 'wb') as f:
                            f.write(item[2])
                        names.append(name)
                    proc = subprocess.run(base + ['--'] + names, cwd=tmp, stdin=subprocess.DEVNULL,
                                          capture_output=True)
                else:  # line
                    data = b''.join(item[3] + b'\n' for item in group)
                    proc = subprocess.run(base + ['--jsonl-in', '--', '-'], input=data, capture_output=True)
            finally:
                if tmp is not None:
                    shutil.rmtree(tmp, ignore_errors=True)
            errs.append(proc.stderr)
            if proc.returncode not in (0, 2):
                tail = proc.stderr.decode('utf-8', 'replace').strip().splitlines()[-3:]
                result['error'] = 'solieu exited with status %d%s' % (
                    proc.returncode, (': ' + ' / '.join(tail)) if tail else '')
                break
            if proc.returncode == 2:
                result['status'] = 2
            lines = proc.stdout.split(b'\n')
            if lines[-1] != b'':
                result['error'] = 'solieu output does not end with a newline'
                break
            lines.pop()
            if len(lines) != expected:
                result['error'] = 'solieu wrote %d records for %d documents' % (len(lines), expected)
                break
            if kind == 'bytes':
                errs[-1] = b''  # solieu's messages name the temporary files: made again below
                for n, (line, item) in enumerate(zip(lines, group)):
                    prefix = b'{"doc":' + json_string(names[n])
                    if not line.startswith(prefix):
                        result['error'] = 'unexpected record for %s' % os.fsdecode(item[1])
                        break
                    lines[n] = line = b'{"doc":' + json_string(item[1]) + line[len(prefix):]
                    if b',"error":"' in line:  # only an error record has this (quotes in strings are escaped)
                        errs[-1] += b'solieu: ' + item[1] + b': ' + json.loads(line)['error'].encode() + b'\n'
                if result['error']:
                    break
            elif kind == 'line':
                # solieu's stderr names the lines by their place in this
                # shard: say it again with the restored names.
                errs[-1] = b''
                for k, (line, item) in enumerate(zip(lines, group), 1):
                    lines[k - 1] = line = _restore_line_record(line, k, item)
                    if b',"error":"' in line:  # only an error record has this (quotes in strings are escaped)
                        r = json.loads(line)
                        errs[-1] += ('solieu: %s: %s\n' % (r['doc'], r['error'])).encode('utf-8', 'replace')
            outs.append(b''.join(line + b'\n' for line in lines))
    except OSError as e:  # solieu not found, not executable, no temporary space
        result['error'] = 'cannot run %s: %s' % (solieu, e)
    result['out'] = b''.join(outs)
    stderr = b''.join(errs)
    result['stderr'] = stderr if len(stderr) <= 1 << 20 else stderr[:1 << 20] + b'[...]\n'
    result['seconds'] = time.monotonic() - started
    return result


def _restore_line_record(record, k, item):
    """A --jsonl-in record made from stdin line k, as line `lineno` of `name` gives it.

    solieu names a line without a string or number "id" NAME:LINE, and says
    "line LINE ..." in the error of a line that is not a document; the rest of
    a record does not depend on where the line came from."""
    _, name, lineno, line = item
    head = b'{"doc":"-:%d"' % k
    if record.startswith(head):
        literal = False
        try:  # an "id" that is itself "-:k" stays
            literal = json.loads(line).get('id') == '-:%d' % k
        except Exception:
            pass
        if not literal:
            record = b'{"doc":' + json_string(name + b':%d' % lineno) + record[len(head):]
    # {"doc":...,"error":"line K is not a JSON object"}: in a record, quotes
    # inside strings are escaped, so this can only be the "error" key.
    marker = b',"error":"line %d ' % k
    pos = record.find(marker)
    if pos >= 0:
        record = record[:pos] + b',"error":"line %d ' % lineno + record[pos + len(marker):]
    return record


# --------------------------------------------------------------------------
# Output, never half-written (util/output_file.cc).

class Output:
    def __init__(self, path):
        self.path, self.temp = path, None
        if path == '-':
            self.file = sys.stdout.buffer
            return
        try:
            st = os.lstat(path)
            regular = stat.S_ISREG(st.st_mode)
        except FileNotFoundError:
            regular = True
        if not regular:  # /dev/stdout, a pipe, a symbolic link: written through
            self.file = open(path, 'wb')
            return
        folder = os.path.dirname(path) or '.'
        fd, self.temp = tempfile.mkstemp(prefix=os.path.basename(path) + '.tmp.', dir=folder)
        os.fchmod(fd, 0o644)
        self.file = os.fdopen(fd, 'wb')

    def write(self, data):
        self.file.write(data)

    def commit(self):
        self.file.flush()
        if self.temp is not None:
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.temp, self.path)
            self.temp = None
        elif self.file is not sys.stdout.buffer:
            self.file.close()

    def abandon(self):
        if self.temp is not None:
            self.file.close()
            os.unlink(self.temp)
            self.temp = None


# --------------------------------------------------------------------------

def check(shard, result):
    if result['error']:
        raise DriverError('shard %d (first document %s) failed on %s: %s' % (
            shard.index, shard.first, result['worker'], result['error']))
    return result


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_solieu = os.environ.get('SOLIEU_BIN') or os.path.join(os.path.dirname(here), 'build', 'solieu')
    ap = argparse.ArgumentParser(
        prog='dask_extract.py',
        description='solieu extract over a Dask distributed cluster; the merged output is what one machine writes.')
    ap.add_argument('inputs', nargs='+', metavar='INPUT', help='files, folders (recursive *.txt, *.html, *.htm) or - for stdin')
    ap.add_argument('--scheduler', required=True, help='the scheduler address, tcp://HOST:PORT')
    ap.add_argument('-o', '--output', default='-', help='merged records (default: stdout)')
    ap.add_argument('--solieu', default=default_solieu,
                    help='the solieu binary, at the same path on every worker (default: %(default)s)')
    ap.add_argument('--rules', help='rules folder, at the same path on every worker')
    ap.add_argument('--encoding', help='passed to solieu extract')
    ap.add_argument('--max-doc-mb', type=float, help='passed to solieu extract')
    ap.add_argument('--jobs', '-j', type=int,
                    help='passed to solieu extract as -j (threads per solieu process), when your solieu has it')
    ap.add_argument('--jsonl-in', action='store_true', help='inputs hold lines {"id": ..., "text": ...}')
    ap.add_argument('--extract-arg', action='append', default=[], metavar='ARG',
                    help='another argument for solieu extract (repeatable)')
    ap.add_argument('--ship', action='store_true',
                    help='send document bytes with the tasks (no shared filesystem)')
    ap.add_argument('--shard-docs', type=int, default=500, help='documents per shard (default: %(default)s)')
    ap.add_argument('--shard-mb', type=float, default=32.0,
                    help='MiB of shipped text per shard, at most (default: %(default)s)')
    ap.add_argument('--window', type=int, default=0,
                    help='shards in flight or waiting to be written (default: 2 per worker thread, at least 4)')
    ap.add_argument('--audit', metavar='FILE', help='then run solieu audit on the merged records into FILE')
    ap.add_argument('--stats', metavar='FILE', help='write a JSON summary: shards, documents, shards per worker')
    ap.add_argument('--timeout', type=float, default=60.0, help='seconds to wait for the scheduler')
    args = ap.parse_args(argv)
    if args.shard_docs < 1:
        ap.error('--shard-docs must be at least 1')
    if args.audit and args.output == '-':
        ap.error('--audit needs -o FILE')
    return args


def extract_flags(args):
    flags = []
    rules = args.rules or os.environ.get('SOLIEU_RULES')  # what solieu here would use
    if rules:
        flags += ['--rules', os.path.abspath(rules)]
    if args.encoding:
        flags += ['--encoding', args.encoding]
    if args.max_doc_mb is not None:
        flags += ['--max-doc-mb', repr(args.max_doc_mb)]
    if args.jobs is not None:
        flags += ['-j', str(args.jobs)]
    return flags + args.extract_arg


def resolve_solieu(path):
    if os.sep in path:
        return os.path.abspath(path)
    return shutil.which(path) or path  # else found on each worker's PATH


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    solieu = resolve_solieu(args.solieu)
    flags = extract_flags(args)
    cwd = os.getcwd()
    # --ship: a document solieu will refuse as too large is not sent, but run
    # here (solieu's default limit: 256 MiB).
    max_doc_bytes = int((256 if args.max_doc_mb is None else args.max_doc_mb) * 1024 * 1024)
    items = input_items([os.fsencode(p) for p in args.inputs], ship=args.ship, jsonl_in=args.jsonl_in,
                        max_doc_bytes=max_doc_bytes)
    shards = make_shards(items, args.shard_docs, int(args.shard_mb * 1024 * 1024), args.ship)

    from distributed import Client, as_completed  # only now: the listing above needs no Dask

    try:
        client = Client(args.scheduler, timeout=args.timeout)
    except Exception as e:
        print('dask_extract: cannot reach the scheduler %s: %s' % (args.scheduler, e), file=sys.stderr)
        return EXIT_USAGE
    threads = sum(client.nthreads().values())
    window = args.window if args.window > 0 else max(4, 2 * threads)
    run_id = uuid.uuid4().hex[:8]

    try:
        out = Output(args.output)
    except OSError as e:
        print('dask_extract: %s: %s' % (args.output, e), file=sys.stderr)
        client.close()
        return EXIT_USAGE
    status = EXIT_OK
    per_worker, busy = {}, {}
    docs_written = shards_written = 0
    pending = {}   # future -> shard
    ready = {}     # shard index -> (shard, result), waiting for its turn
    done = as_completed()
    next_write = next_submit = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_submit - next_write < window:
                shard = next(shards, None)
                if shard is None:
                    exhausted = True
                    break
                if shard.local:
                    ready[shard.index] = (shard, check(shard, run_shard(solieu, flags, cwd, shard.items,
                                                                        args.jsonl_in)))
                else:
                    payload = shard.items
                    if sum(item_bytes(i) for i in payload) > 1 << 20:
                        [payload] = client.scatter([payload], hash=False)
                    future = client.submit(run_shard, solieu, flags, cwd, payload, args.jsonl_in, pure=False,
                                           key='solieu-shard-%s-%d' % (run_id, shard.index))
                    pending[future] = shard
                    done.add(future)
                next_submit += 1
            while next_write in ready:
                shard, result = ready.pop(next_write)
                sys.stderr.buffer.write(result['stderr'])
                out.write(result['out'])
                if result['status'] == EXIT_UNREADABLE:
                    status = EXIT_UNREADABLE
                per_worker[result['worker']] = per_worker.get(result['worker'], 0) + 1
                busy[result['worker']] = busy.get(result['worker'], 0.0) + result['seconds']
                docs_written += shard.docs
                shards_written += 1
                next_write += 1
            if exhausted and next_write == next_submit:
                break
            if not pending:
                continue
            future = next(done)
            shard = pending.pop(future)
            try:
                result = future.result()
            except Exception as e:
                raise DriverError('shard %d (first document %s) failed: %s: %s' % (
                    shard.index, shard.first, type(e).__name__, e))
            future.release()
            ready[shard.index] = (shard, check(shard, result))  # a failed shard stops the run now
        out.commit()
    except (DriverError, OSError) as e:
        out.abandon()
        for future in pending:
            future.cancel()
        client.close()
        print('dask_extract: %s' % e, file=sys.stderr)
        return EXIT_USAGE
    except BaseException:
        out.abandon()
        client.close()
        raise
    client.close()
    seconds = time.monotonic() - started

    if args.audit:
        cmd = [solieu, 'audit'] + (flags[:2] if flags[:1] == ['--rules'] else []) + ['-o', args.audit, args.output]
        try:
            audit = subprocess.run(cmd).returncode
        except OSError as e:
            print('dask_extract: cannot run %s: %s' % (solieu, e), file=sys.stderr)
            return EXIT_USAGE
        if audit not in (0, 2):
            print('dask_extract: solieu audit exited with status %d' % audit, file=sys.stderr)
            return EXIT_USAGE
        status = max(status, audit)
    if args.stats:
        with open(args.stats, 'w') as f:
            json.dump({'shards': shards_written, 'documents': docs_written, 'workers': per_worker,
                       'busy_seconds': {w: round(t, 3) for w, t in busy.items()},
                       'window': window, 'seconds': round(seconds, 3)}, f, indent=1, sort_keys=True)
            f.write('\n')
    return status


if __name__ == '__main__':
    sys.exit(main())
