#!/usr/bin/env python3
"""Write the test corpus of published reports (test/corpus/<family>/<name>.txt + .expected.json).

Run from the repository root: python3 scripts/corpus/gen.py   (needs uconv from icu-devtools for F1).
Every document's figures are chosen here; the expected result follows from them and from the family's
losses (F6 splits, F8 drops), computed independently of the C parser.  Documents written by hand (the
seed, HTML pages) live beside the generated ones and are not touched by this script.
"""
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import docs_f1_f2  # noqa: E402
import docs_f3_f5  # noqa: E402
import docs_f6  # noqa: E402
import docs_f7  # noqa: E402
import docs_f8  # noqa: E402
from render import write  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "corpus")


def main():
    only = sys.argv[1:]
    n = 0
    for mod in (docs_f1_f2, docs_f3_f5, docs_f6, docs_f7, docs_f8):
        for doc in mod.docs():
            if only and doc.name not in only and doc.family not in only:
                continue
            write(doc, ROOT)
            n += 1
    print("%d documents written" % n)


if __name__ == "__main__":
    main()
