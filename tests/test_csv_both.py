"""The two CSV readers follow one rule: the same bits, or the same error category.

Python's ``twinnet.datafile.read_data`` and R's ``twinnet:::read_data`` read
each file below (ordinary files from pandas, R and spreadsheets, and files
that break the rule: README, "CSV files"); both must give bitwise-identical
``X`` and ``y`` and the same classes, or both the same twinnet error category.
"""

import numpy as np
import pytest

from twinnet.bitwise import same_bits
from twinnet.datafile import read_data
from twinnet.errors import TwinnetError

A, T, V, N = (
    "twinnet_argument_error",
    "twinnet_type_error",
    "twinnet_value_error",
    "twinnet_name_error",
)
OK = "none"

R_READ = """function(path, target) {
  d <- twinnet:::read_data(path, target)
  list(X = d$X, y = d$y, classes = as.list(d$classes))  # a list: one string or none stays a list
}"""

# name: (the file's bytes, the target, what both readers must give)
FILES = {
    "plain": (b"a,b,y\n0.5,1,no\n1.5,2,yes\n2.5,3,no\n", "y", OK),
    "pandas index": (b",a,b,y\n0,0.5,1,no\n1,1.5,2,yes\n2,2.5,3,no\n", "y", OK),
    "r write.csv": (b'"","a","b","y"\n"1",0.5,1,"no"\n"2",1.5,2,"yes"\n', "y", OK),
    "trailing commas": (b"a,b,y,\n0.5,1,no,\n1.5,2,yes,\n", "y", OK),
    "index and trailing commas": (b",a,y,\n0,0.5,no,\n1,1.5,yes,\n", "y", OK),
    "bom, crlf, blank lines": (b"\xef\xbb\xbfa,b,y\r\n0.5,1,no\r\n\r\n1.5,2,yes\r\n", "y", OK),
    "spaces around": (b" a , b ,y\n 0.5 ,\t1, no\n1.5, 2 ,yes \n", "y", OK),
    "quoted fields": (
        b'a,b,y\n"0.5",1,"no, not ""this"""\n1.5,"2","multi\nline"\n2,3,"no, not ""this"""\n',
        "y",
        OK,
    ),
    "quotes inside fields, as R's scan": (
        b'a,b,y\n "1", 2 ,x"y"z\n"3"4,\t"5",""""\n6,"7" ,"a""b"\n',
        "y",
        OK,
    ),
    "old mac line ends, no final newline": (b"a,y\r1,x\r2,z", "y", OK),
    "a quote never closed": (b'a,y\n1,"x\n2,z\n', "y", A),
    "a quote never closed at the end": (b'a,y\n1,x\n2,"z\n', "y", A),
    "a line of spaces": (b"a,y\n1,x\n   \n2,z\n", "y", A),
    "tricky numbers": (
        b"a,b,y\n1.530673222,+2.,-0\n.5,165216e-17,007\n4.18406227503757,5.e3,1E-320\n",
        "y",
        OK,
    ),
    "utf-8 labels by code point": ("a,y\n1,é\n2,Z\n3,日本\n4,e\n".encode(), "y", OK),
    "booleans are labels as written": (b"a,y\n1,TRUE\n2,true\n3,False\n4,TRUE\n", "y", OK),
    "two boolean labels": (b"a,y\n1,TRUE\n2,FALSE\n3,FALSE\n", "y", OK),
    "numeric target": (b"a,b,y\n1,2,0.25\n3,4,-1e3\n", "y", OK),
    "NA in an input": (b"a,b,y\n1,NA,0\n2,3,1\n", "y", V),
    "NaN in an input": (b"a,b,y\n1,NaN,0\n2,3,1\n", "y", V),
    "empty field in an input": (b"a,b,y\n1,,0\n2,3,1\n", "y", V),
    "empty label": (b"a,y\n1,\n2,yes\n3,no\n", "y", V),
    "NA label": (b"a,y\n1,NA\n2,yes\n3,no\n", "y", V),
    "nan is text, not missing": (b"a,b,y\n1,nan,0\n2,3,1\n", "y", T),
    "N/A is text, not missing": (b"a,b,y\n1,N/A,0\n2,3,1\n", "y", T),
    "inf in a numeric target": (b"a,y\n1,0.5\n2,inf\n3,1\n", "y", V),
    "-Infinity in an input": (b"a,y\n-Infinity,0.5\n2,1\n", "y", V),
    "a number beyond the doubles": (b"a,y\n1e400,0.5\n2,1\n", "y", V),
    "booleans in an input": (b"a,b,y\nTRUE,1,0\nFALSE,2,1\n", "y", T),
    "a repeated header name": (b"a,b,a,y\n1,2,3,0\n4,5,6,1\n", "y", A),
    "a repeated target name": (b"a,y,y\n1,0,1\n2,1,0\n", "y", A),
    "an empty name inside": (b"a,,y\n1,2,0\n3,4,1\n", "y", A),
    "a trailing empty name with values": (b"a,y,\n1,0,5\n2,1,6\n", "y", A),
    "a row too long": (b"a,b,y\n1,2,0\n3,4,1,9\n", "y", A),
    "a row too short": (b"a,b,y\n1,2,0\n3,4\n", "y", A),
    "latin-1": (b"a,y\n1,caf\xe9\n2,the\n", "y", A),
    "invalid utf-8 in a header": (b"a\xff,y\n1,0\n2,1\n", "y", A),
    "a NUL byte": (b"a,y\n1,0\x00\n2,1\n", "y", A),
    "empty file": (b"", "y", A),
    "a header and no rows": (b"a,y\n", "y", A),
    "a misspelt target": (b"a,b,label\n1,2,no\n3,4,yes\n", "lable", N),
    "one class": (b"a,y\n1,yes\n2,yes\n", "y", A),
    "no input column": (b"y\n1\n2\n", "y", A),
}


def python_reads(path, target):
    try:
        return read_data(path, target), OK
    except TwinnetError as err:
        return None, err.category


def r_reads(r, path, target):
    from rbridge import RError

    try:
        return r.call(R_READ, str(path), target), OK
    except RError as err:
        return None, err.category


@pytest.mark.parametrize("name", FILES)
def test_both_readers_read_a_file_alike(r, name, tmp_path):
    raw, target, expected = FILES[name]
    path = tmp_path / "data.csv"
    path.write_bytes(raw)
    (py, py_category), (rr, r_category) = python_reads(path, target), r_reads(r, path, target)
    assert py_category == r_category == expected
    if expected == OK:
        assert py["X"].shape == np.shape(rr["X"]) and same_bits(py["X"], rr["X"]).all()
        assert py["y"].shape == np.shape(rr["y"]) and same_bits(py["y"], rr["y"]).all()
        assert py["classes"] == [c[0] if isinstance(c, list) else c for c in rr["classes"]]


def test_the_ordinary_files_are_read_as_meant():
    """What the rule promises, on the files above (Python's side; R's is the same bits)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        read = {}
        for name in ("pandas index", "trailing commas", "quoted fields", "booleans are labels "
                     "as written", "utf-8 labels by code point", "tricky numbers"):  # fmt: skip
            path = Path(tmp) / "d.csv"
            path.write_bytes(FILES[name][0])
            read[name] = read_data(path, "y")
    assert read["pandas index"]["X"].tolist() == [[0.5, 1], [1.5, 2], [2.5, 3]]
    assert read["trailing commas"]["classes"] == ["no", "yes"]
    assert read["quoted fields"]["classes"] == ["multi\nline", 'no, not "this"']
    assert read["booleans are labels as written"]["classes"] == ["False", "TRUE", "true"]
    assert read["utf-8 labels by code point"]["classes"] == ["Z", "e", "é", "日本"]
    # correctly rounded; R's own parser gives 0x1.87da33455a5acp+0
    assert float.hex(read["tricky numbers"]["X"][0, 0]) == "0x1.87da33455a5adp+0"
    assert read["tricky numbers"]["y"][2, 0] == 1e-320
    assert np.signbit(read["tricky numbers"]["y"][0, 0])  # -0 keeps its sign


# pieces of fields: numbers, text, quotes inside and around, missing values, booleans
PIECES = ["1", "2.5", " 3 ", '"4"', '"x"', "x", 'y"z"', '" a "', '"b,c"', '"d""e"', "", "NA",
          "TRUE", "true", "é", "\t7", "-0", "00.5e1", '"multi\nline"', "'q'", "#", "1_0",
          "0x10", "1e-400", "5.", "NaN", "inf", "1e400"]  # fmt: skip


def random_file(rng) -> bytes:
    """A small CSV file of random pieces, header and line ends."""
    header = rng.choice([["a", "y"], ["", "a", "y"], ["a", "b", "y"], ["a", "y", ""]])
    rows = [",".join(rng.choice(PIECES) for _ in header) for _ in range(rng.randint(1, 4))]
    eol = rng.choice(["\n", "\r\n", "\r"])
    return (eol.join([",".join(header), *rows]) + rng.choice([eol, ""])).encode()


def test_random_files_read_alike(r, tmp_path):
    import random

    rng, path, outcomes = random.Random(19), tmp_path / "data.csv", set()
    for _ in range(300):
        raw = random_file(rng)
        path.write_bytes(raw)
        (py, py_category), (rr, r_category) = python_reads(path, "y"), r_reads(r, path, "y")
        assert py_category == r_category, raw
        outcomes.add(py_category)
        if py_category == OK:
            assert py["X"].shape == np.shape(rr["X"]) and py["y"].shape == np.shape(rr["y"])
            assert same_bits(py["X"], rr["X"]).all() and same_bits(py["y"], rr["y"]).all(), raw
            assert py["classes"] == [c[0] if isinstance(c, list) else c for c in rr["classes"]]
    assert OK in outcomes and len(outcomes) >= 4  # the files reach both reading and refusing
