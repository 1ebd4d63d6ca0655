"""Checking a parsed JSON document against the fixtures' JSON schemas.

Twin: ``r/R/schema.R``. Both languages check every case and data set file
with the same small validator, so a file one language accepts the other
accepts too, and a bad one fails the same way in both. It knows the
keywords ``shared_fixtures/schema/*.json`` use (JSON Schema 2020-12):
``$ref`` (to ``#/$defs/...``), ``type``, ``const``, ``enum``, ``pattern``,
``not`` (of a pattern), ``minLength``, ``minimum``, ``items``,
``minItems``, ``maxItems``, ``properties``, ``required``,
``additionalProperties: false`` and ``if``/``then``/``else``. The test
suite compares it with the ``jsonschema`` library on the fixtures.
"""

import math
import re

# Keywords that only document a schema.
NOTES = {"$schema", "$id", "$comment", "title", "description", "$defs"}


def schema_problem(value, schema: dict, root: dict, where: str = "$") -> str | None:
    """The first way ``value`` breaks ``schema``, as text; None if it fits.

    ``root`` is the whole schema, which ``$ref`` points into; ``where``
    names the place in the document (``$.weights[0].hex[3]``).
    """
    for key, rule in schema.items():
        if key in NOTES:
            continue
        problem = _keyword(key, rule, value, schema, root, where)
        if problem is not None:
            return problem
    return None


def _keyword(key, rule, value, schema, root, where):
    """One keyword of a schema applied to ``value``."""
    if key == "$ref":
        return schema_problem(value, _resolve(rule, root), root, where)
    if key == "type":
        kinds = [rule] if isinstance(rule, str) else rule
        ok = any(_is_type(value, kind) for kind in kinds)
        return None if ok else f"{where} must be of type {' or '.join(kinds)}"
    if key in ("const", "enum"):
        allowed = [rule] if key == "const" else rule
        ok = any(_same_json(value, a) for a in allowed)
        return None if ok else f"{where} must be one of {allowed}"
    if key == "not":
        fits = schema_problem(value, rule, root, where) is None
        return f"{where} must not match {rule}" if fits else None
    if key == "if":
        branch = "then" if schema_problem(value, rule, root, where) is None else "else"
        return schema_problem(value, schema.get(branch, {}), root, where)
    if key in ("then", "else"):
        return None  # applied by "if"
    if isinstance(value, str):
        return _string_keyword(key, rule, value, where)
    if _is_type(value, "number"):
        return _number_keyword(key, rule, value, where)
    if isinstance(value, list):
        return _array_keyword(key, rule, value, root, where)
    if isinstance(value, dict):
        return _object_keyword(key, rule, value, schema, root, where)
    return None


def _string_keyword(key, rule, value: str, where):
    if key == "pattern" and re.search(rule, value) is None:
        return f"{where} must match the pattern {rule}"
    if key == "minLength" and len(value) < rule:
        return f"{where} must have at least {rule} characters"
    return None


def _number_keyword(key, rule, value, where):
    if key == "minimum" and not value >= rule:
        return f"{where} must be at least {rule}"
    return None


def _array_keyword(key, rule, value: list, root, where):
    if key == "minItems" and len(value) < rule:
        return f"{where} must have at least {rule} items"
    if key == "maxItems" and len(value) > rule:
        return f"{where} must have at most {rule} items"
    if key == "items":
        for i, item in enumerate(value):
            problem = schema_problem(item, rule, root, f"{where}[{i}]")
            if problem is not None:
                return problem
    return None


def _object_keyword(key, rule, value: dict, schema, root, where):
    if key == "required":
        missing = [name for name in rule if name not in value]
        return f"{where} must have the field {missing[0]!r}" if missing else None
    if key == "additionalProperties" and rule is False:
        extra = [name for name in value if name not in schema.get("properties", {})]
        return f"{where} has an unknown field {extra[0]!r}" if extra else None
    if key == "properties":
        for name, sub in rule.items():
            if name in value:
                problem = schema_problem(value[name], sub, root, f"{where}.{name}")
                if problem is not None:
                    return problem
    return None


def _is_type(value, kind: str) -> bool:
    """JSON's types; an integer is any number with no fraction (2.0 too)."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    checks = {
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "string": isinstance(value, str),
        "boolean": isinstance(value, bool),
        "null": value is None,
        "number": number,
        "integer": number and _finite(value) and float(value).is_integer(),
    }
    return checks[kind]


def _finite(number) -> bool:
    """Finite as a double (R holds every JSON number as one)."""
    try:
        return math.isfinite(number)
    except OverflowError:  # an int beyond the doubles
        return False


def _same_json(a, b) -> bool:
    """Equal as JSON values: 1 equals 1.0, but True is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if type(a) is not type(b) and not (_is_type(a, "number") and _is_type(b, "number")):
        return False
    return a == b


def _resolve(ref: str, root: dict) -> dict:
    """A local reference, ``#/$defs/name``."""
    node = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
