"""Build the side-by-side page: ``make docs`` -> docs/site/index.html.

The maths and prose live in docs/page/template.html; the code comes from
the package sources, between ``# --8<-- [start:STEP]`` and
``# --8<-- [end:STEP]`` markers, and the numbers from the Python
walkthrough of the article's toy case (R gives the same bits; the harness
checks that). The page needs no network: styles are inline, maths is HTML.

Run: .venv/bin/python docs/page/build.py [OUTPUT]
"""

import ast
import datetime
import html
import re
import sys
import textwrap
from pathlib import Path

from twinnet.cases import run_case, walkthrough_case

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"python": ROOT / "python" / "src" / "twinnet", "r": ROOT / "r" / "R"}
PATTERNS = {"python": "*.py", "r": "*.R"}
MARKER = re.compile(r"^\s*# --8<-- \[(start|end):(\w+)\]\s*$")
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


def highlight(code: str) -> str:
    """HTML-escape the code; colour comment lines."""
    out = []
    for line in html.escape(code).splitlines():
        out.append(f'<span class="c">{line}</span>' if line.lstrip().startswith("#") else line)
    return "\n".join(out)


def code_pair(step: str, code: dict) -> str:
    """The Python and R code of one step, next to each other."""
    columns = []
    for lang, title in (("python", "Python"), ("r", "R")):
        blocks = code[lang].get(step)
        if not blocks:
            raise SystemExit(f"step {step!r} has no marked {title} code")
        files = ", ".join(sorted({f"{name}:{line}" for name, line, _ in blocks}))
        pres = "".join(f"<pre>{highlight(text)}</pre>" for _, _, text in blocks)
        where = f'<span class="where">{html.escape(files)}</span>'
        columns.append(f'<div class="code {lang}"><h3>{title} {where}</h3>{pres}</div>')
    return '<div class="pair">' + "".join(columns) + "</div>"


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
    """Write the page to ``out``; return its path."""
    page = (Path(__file__).parent / "template.html").read_text()
    code = {lang: regions(lang) for lang in SOURCES}
    wanted = re.findall(r"<!-- code:(\w+) -->", page)
    unused = (set(code["python"]) | set(code["r"])) - set(wanted)
    if unused:
        raise SystemExit(f"marked steps missing from the template: {sorted(unused)}")
    steps = walkthrough_case("toy_article_demo")
    for step in wanted:
        page = page.replace(f"<!-- code:{step} -->", code_pair(step, code))
        page = page.replace(f"<!-- values:{step} -->", values(step, steps))
    built = datetime.date.today().isoformat()
    page = page.replace("<!-- built -->", f"Built {built} by <code>make docs</code>.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "site" / "index.html"
    print(f"wrote {build(target)}")
