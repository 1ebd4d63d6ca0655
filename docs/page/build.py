"""Build the side-by-side page: ``make docs`` -> docs/site/index.html.

The maths and prose live in docs/page/template.html; the code comes from
the package sources, between ``# --8<-- [start:STEP]`` and
``# --8<-- [end:STEP]`` markers, highlighted by Pygments and cut at its
step comments so that Python and R line up step by step; the numbers come
from the Python walkthrough of the article's toy case (R gives the same
bits; the harness checks that); the pictures are drawn by both packages
(pictures.py). The page needs no network: styles are inline, maths is HTML.

Run: .venv/bin/python docs/page/build.py [OUTPUT]
"""

import ast
import datetime
import difflib
import html
import re
import sys
import textwrap
from pathlib import Path

from pygments import highlight as pygmentize
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, SLexer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pictures import draw_pictures  # noqa: E402

from twinnet.cases import run_case, walkthrough_case  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"python": ROOT / "python" / "src" / "twinnet", "r": ROOT / "r" / "R"}
PATTERNS = {"python": "*.py", "r": "*.R"}
LEXERS = {"python": PythonLexer(), "r": SLexer()}
MARKER = re.compile(r"^\s*# --8<-- \[(start|end):(\w+)\]\s*$")
COMMENT = re.compile(r"^\s*#")
# the walkthrough tables each step shows
VALUES = {
    "init": ["X", "y", "wh", "wout"],
    "forward": ["hidden_layer_input", "hidden_layer_activations", "output_layer_input", "output"],
    "activation": ["slope_hidden_layer", "slope_output_layer"],
    "sigmoid": ["output_layer_input", "output"],
    "tree_sum": ["grad_wh"],
    "loss": ["E", "d_output"],
    "backward": ["error_at_hidden_layer", "d_hidden_layer", "grad_wout", "grad_wh"],
    "update": ["wout_updated", "wh_updated"],
}


def regions(lang: str) -> dict[str, list[tuple[str, int, str]]]:
    """step -> [(file, first line, code)] between the markers, in file order."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    for path in sorted(SOURCES[lang].glob(PATTERNS[lang])):
        lines, start = path.read_text().splitlines(), {}
        for number, line in enumerate(lines, 1):
            match = MARKER.match(line)
            if match and match[1] == "start":
                start[match[2]] = number
            elif match:
                first = start.pop(match[2])
                code = drop_docstring(textwrap.dedent("\n".join(lines[first : number - 1])))
                found.setdefault(match[2], []).append((path.name, first + 1, code.strip("\n")))
        if start:
            raise SystemExit(f"{path}: no end marker for {sorted(start)}")
    return found


def drop_docstring(code: str) -> str:
    """Python functions lose their docstrings here; R's roxygen is outside the markers."""
    try:
        first = ast.parse(code).body[0]
    except (SyntaxError, IndexError):
        return code  # R code, or a fragment
    if not isinstance(first, ast.FunctionDef) or ast.get_docstring(first) is None:
        return code
    doc = first.body[0]
    lines = code.splitlines()
    return "\n".join(lines[: doc.lineno - 1] + lines[doc.end_lineno :])


def highlight(code: str, lang: str) -> list[str]:
    """The code as highlighted HTML, one string per source line.

    Pygments closes and reopens its spans at every line end, so each line
    stands alone and the lines can be cut into rows.
    """
    out = pygmentize(code, LEXERS[lang], HtmlFormatter(nowrap=True))
    lines = out.split("\n")
    return lines[: len(code.split("\n"))]


def segments(lines: list[str]) -> list[list[int]]:
    """Line numbers cut where a run of comment lines begins: one step per segment."""
    cuts: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        starts = COMMENT.match(line) and (i == 0 or not COMMENT.match(lines[i - 1]))
        if starts and cuts[-1]:
            cuts.append([])
        cuts[-1].append(i)
    return cuts


def step_key(lines: list[str], segment: list[int]) -> str:
    """A segment's step comment, normalised (empty for code before any comment)."""
    first = lines[segment[0]]
    if not COMMENT.match(first):
        return ""
    return " ".join(first.strip().lstrip("#").lower().split())


def align(py: list[str], r: list[str]) -> list[tuple[list[int], list[int]]]:
    """Rows of (Python lines, R lines): the same step comment starts each row.

    Segments match by their comment's text (difflib); a segment with no
    twin joins the row above it, so every later row still lines up.
    """
    a, b = segments(py), segments(r)
    matcher = difflib.SequenceMatcher(
        None, [step_key(py, s) for s in a], [step_key(r, s) for s in b], autojunk=False
    )
    rows: list[tuple[list[int], list[int]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [(list(a[i1 + k]), list(b[j1 + k])) for k in range(i2 - i1)]
            continue
        left = [n for s in a[i1:i2] for n in s]
        right = [n for s in b[j1:j2] for n in s]
        if rows:
            rows[-1][0].extend(left)
            rows[-1][1].extend(right)
        else:
            rows.append((left, right))
    return rows


def code_pair(step: str, code: dict) -> str:
    """The Python and R code of one step, next to each other, row by row."""
    blocks = {lang: code[lang].get(step) for lang in ("python", "r")}
    for lang, title in (("python", "Python"), ("r", "R")):
        if not blocks[lang]:
            raise SystemExit(f"step {step!r} has no marked {title} code")
    cells = []
    for lang, title in (("python", "Python"), ("r", "R")):
        files = ", ".join(sorted({f"{name}:{line}" for name, line, _ in blocks[lang]}))
        where = f'<span class="where">{html.escape(files)}</span>'
        cells.append(f'<h3 class="code-head {lang}">{title} {where}</h3>')
    # the n-th marked region of one language is the twin of the other's n-th
    for n in range(max(len(blocks["python"]), len(blocks["r"]))):
        texts = [b[n][2] if n < len(b) else "" for b in (blocks["python"], blocks["r"])]
        py, r = highlight(texts[0], "python"), highlight(texts[1], "r")
        if n:
            cells.append('<div class="gap"></div><div class="gap"></div>')
        for left, right in align(*[t.split("\n") for t in texts]):
            for lang, lines, numbers in (("python", py, left), ("r", r, right)):
                body = "\n".join(lines[i] for i in numbers)
                empty = " empty" if not body else ""
                cells.append(f'<pre class="hl {lang}{empty}">{body}</pre>')
    return f'<div class="pair" data-step="{step}">' + "".join(cells) + "</div>"


def table(name: str, frame, digits: int = 5) -> str:
    """One walkthrough table as HTML, rounded like the article's."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        f"<tr><th>{html.escape(str(label))}</th>"
        + "".join(f"<td>{v:.{digits}f}</td>" for v in row)
        + "</tr>"
        for label, row in zip(frame.index, frame.to_numpy())
    )
    caption = f"{name} = {frame.attrs['formula']}"
    return (
        f"<figure><figcaption>{html.escape(caption)}</figcaption>"
        f"<table><tr><th></th>{head}</tr>{rows}</table></figure>"
    )


def values(step: str, steps: dict) -> str:
    """The toy case's numbers for one step."""
    if step == "fit":
        loss = run_case("toy_article").loss
        rows = "".join(f"<tr><td>{e}</td><td>{loss[e]:.5f}</td></tr>" for e in range(0, 1000, 100))
        return (
            '<div class="values"><figure><figcaption>the loss before each epoch</figcaption>'
            f"<table><tr><th>epoch</th><th>loss</th></tr>{rows}</table></figure></div>"
        )
    return '<div class="values">' + "".join(table(n, steps[n]) for n in VALUES[step]) + "</div>"


def build(out: Path) -> Path:
    """Write the page to ``out`` and its pictures to ``out``'s plots/; return its path."""
    page = (Path(__file__).parent / "template.html").read_text()
    code = {lang: regions(lang) for lang in SOURCES}
    wanted = re.findall(r"<!-- code:(\w+) -->", page)
    unused = (set(code["python"]) | set(code["r"])) - set(wanted)
    if unused:
        raise SystemExit(f"marked steps missing from the template: {sorted(unused)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    page = page.replace("<!-- pictures -->", draw_pictures(out.parent / "plots"))
    steps = walkthrough_case("toy_article_demo")
    for step in wanted:
        page = page.replace(f"<!-- code:{step} -->", code_pair(step, code))
        page = page.replace(f"<!-- values:{step} -->", values(step, steps))
    style = HtmlFormatter(style="default").get_style_defs(".hl")
    page = page.replace("/* highlighting */", style)
    built = datetime.date.today().isoformat()
    page = page.replace("<!-- built -->", f"Built {built} by <code>make docs</code>.")
    out.write_text(page)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "site" / "index.html"
    print(f"wrote {build(target)}")
