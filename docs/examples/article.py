"""Replay the article's detailed section with twinnet's Python API.

Run: .venv/bin/python docs/examples/article.py   (twin: article.R)

The replay is python/src/twinnet/article.py (twin: r/R/article.R); read
the two side by side. The command line runs it too: ``twinnet article``.
"""

import sys

from twinnet.article import replay_article

replay_article(sys.argv[1] if len(sys.argv) > 1 else "exact")
