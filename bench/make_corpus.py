"""Builds a benchmark corpus from real documents, or its NFD copy.

    python3 bench/make_corpus.py SOURCES OUT SIZE_MB   # join real documents
    python3 bench/make_corpus.py --nfd CORPUS OUT      # decomposed copy

SOURCES is ../shared (its eval/*/corpus and corpus folders) or any folder of
*.txt documents. Only documents that are valid UTF-8 are used, so that
uconv and rg read the same text as solieu. Each benchmark document joins
about 25 source documents (blank line between), drawn in a fixed
pseudo-random order: the same corpus on every machine.
"""
import os
import random
import sys
import unicodedata

PER_DOCUMENT = 25


def sources(root):
    paths = []
    for base, _, files in os.walk(root):
        if "legacy" in base.split(os.sep) or "peers" in base.split(os.sep):
            continue
        paths += [os.path.join(base, f) for f in files if f.endswith(".txt")]
    texts = []
    for path in sorted(paths):
        try:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read().lstrip("\ufeff"))
        except UnicodeDecodeError:
            continue
    return [t for t in texts if t.strip()]


def build(root, out, size_mb):
    texts = sources(root)
    if not texts:
        sys.exit(f"make_corpus: no UTF-8 *.txt documents under {root}")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(6)
    target, written, n = size_mb * 10**6, 0, 0
    while written < target:
        doc = "\n\n".join(rng.choice(texts) for _ in range(PER_DOCUMENT))
        data = doc.encode("utf-8")
        with open(os.path.join(out, f"b{n:06d}.txt"), "wb") as f:
            f.write(data)
        written += len(data)
        n += 1
    print(f"make_corpus: {n} documents, {written / 1e6:.1f} MB from {len(texts)} sources", file=sys.stderr)


def decompose(corpus, out):
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".txt"):
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                text = unicodedata.normalize("NFD", f.read())
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    if sys.argv[1] == "--nfd":
        decompose(sys.argv[2], sys.argv[3])
    else:
        build(sys.argv[1], sys.argv[2], int(sys.argv[3]))
