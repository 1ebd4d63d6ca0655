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
        problem = schema_keyword(key, rule, value, schema, root, where)
        if problem is not None:
            return problem
    return None


def schema_keyword(key, rule, value, schema, root, where):
    """One keyword of a schema applied to ``value``."""
    if key in ("$ref", "type", "const", "enum", "not", "if", "then", "else"):
        return any_keyword(key, rule, value, schema, root, where)
    if json_is_type("string", value):
        return string_keyword(key, rule, value, where)
    if json_is_type("number", value):
        return number_keyword(key, rule, value, where)
    if json_is_type("array", value):
        return array_keyword(key, rule, value, root, where)
    if json_is_type("object", value):
        return object_keyword(key, rule, value, schema, root, where)
    return None


def any_keyword(key, rule, value, schema, root, where):
    """The keywords that apply to values of every type."""
    if key == "$ref":
        return schema_problem(value, schema_resolve(rule, root), root, where)
    if key == "type":
        kinds = [rule] if isinstance(rule, str) else rule
        ok = any(json_is_type(kind, value) for kind in kinds)
        return None if ok else f"{where} must be of type {' or '.join(kinds)}"
    if key in ("const", "enum"):
        allowed = [rule] if key == "const" else rule
        ok = any(same_json(a, value) for a in allowed)
        return None if ok else f"{where} must be one of the allowed values"
    return logic_keyword(key, rule, value, schema, root, where)


def logic_keyword(key, rule, value, schema, root, where):
    """``not``, and ``if`` with its ``then`` and ``else``."""
    if key == "not":
        fits = schema_problem(value, rule, root, where) is None
        return f"{where} must not match a pattern" if fits else None
    if key == "if":
        fits = schema_problem(value, rule, root, where) is None
        branch = schema.get("then" if fits else "else")
        return schema_problem(value, {} if branch is None else branch, root, where)
    return None  # "then" and "else": applied by "if"


def string_keyword(key, rule, value: str, where):
    """``pattern`` and ``minLength``."""
    if key == "pattern" and re.search(rule, value) is None:
        return f"{where} must match the pattern {rule}"
    if key == "minLength" and len(value) < rule:
        return f"{where} must have at least {rule} characters"
    return None


def number_keyword(key, rule, value, where):
    """``minimum``."""
    if key == "minimum" and not value >= rule:
        return f"{where} must be at least {rule}"
    return None


def array_keyword(key, rule, value: list, root, where):
    """``minItems``, ``maxItems`` and ``items``."""
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


def object_keyword(key, rule, value: dict, schema, root, where):
    """``required``, ``additionalProperties`` and ``properties``."""
    missing = [name for name in rule if name not in value] if key == "required" else []
    if key == "required" and missing:
        return f"{where} must have the field '{missing[0]}'"
    extra = [name for name in value if name not in schema.get("properties", {})]
    if key == "additionalProperties" and rule is False and extra:
        return f"{where} has an unknown field '{extra[0]}'"
    if key == "properties":
        return properties_problem(rule, value, root, where)
    return None


def properties_problem(rule: dict, value: dict, root, where):
    """The first field of an object that breaks its schema in ``rule``."""
    for name, sub in rule.items():
        if name in value:
            problem = schema_problem(value[name], sub, root, f"{where}.{name}")
            if problem is not None:
                return problem
    return None


def json_is_type(kind: str, value) -> bool:
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


def same_json(a, b) -> bool:
    """Equal as JSON values: 1 equals 1.0, but True is not 1."""
    if json_is_type("number", a) and json_is_type("number", b):
        return a == b
    return type(a) is type(b) and a == b


def schema_resolve(ref: str, root: dict) -> dict:
    """A local reference, ``#/$defs/name``."""
    node = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
