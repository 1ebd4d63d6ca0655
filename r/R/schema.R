# Checking a parsed JSON document against the fixtures' JSON schemas.
#
# Twin file: python/src/twinnet/schema.py. Both languages check every case
# and data set file with the same small validator, so a file one language
# accepts the other accepts too, and a bad one fails the same way in both.
# It knows the keywords shared_fixtures/schema/*.json use (JSON Schema
# 2020-12): $ref (to #/$defs/...), type, const, enum, pattern, not (of a
# pattern), minLength, minimum, items, minItems, maxItems, properties,
# required, additionalProperties: false and if/then/else. Documents come
# from jsonlite::fromJSON(simplifyVector = FALSE): objects are named lists,
# arrays unnamed lists, null is NULL.

# Keywords that only document a schema.
SCHEMA_NOTES <- c("$schema", "$id", "$comment", "title", "description",
                  "$defs")

# The first way `value` breaks `schema`, as text; NULL if it fits.
schema_problem <- function(value, schema, root, where = "$") {
  for (key in setdiff(names(schema), SCHEMA_NOTES)) {
    problem <- schema_keyword(key, schema[[key]], value, schema, root, where)
    if (!is.null(problem)) {
      return(problem)
    }
  }
  NULL
}

# One keyword of a schema applied to `value`.
schema_keyword <- function(key, rule, value, schema, root, where) {
  if (key %in% c("$ref", "type", "const", "enum", "not", "if", "then",
                 "else")) {
    return(any_keyword(key, rule, value, schema, root, where))
  }
  if (json_is_type("string", value)) {
    return(string_keyword(key, rule, value, where))
  }
  if (json_is_type("number", value)) {
    return(number_keyword(key, rule, value, where))
  }
  if (json_is_type("array", value)) {
    return(array_keyword(key, rule, value, root, where))
  }
  if (json_is_type("object", value)) {
    return(object_keyword(key, rule, value, schema, root, where))
  }
  NULL
}

# The keywords that apply to values of every type.
any_keyword <- function(key, rule, value, schema, root, where) {
  if (key == "$ref") {
    return(schema_problem(value, schema_resolve(rule, root), root, where))
  }
  if (key == "type") {
    kinds <- unlist(rule)
    ok <- any(vapply(kinds, json_is_type, TRUE, value = value))
    return(if (!ok) paste0(where, " must be of type ",
                           paste(kinds, collapse = " or ")))
  }
  if (key %in% c("const", "enum")) {
    allowed <- if (key == "const") list(rule) else rule
    ok <- any(vapply(allowed, same_json, TRUE, b = value))
    return(if (!ok) paste0(where, " must be one of the allowed values"))
  }
  logic_keyword(key, rule, value, schema, root, where)
}

# "not", and "if" with its "then" and "else".
logic_keyword <- function(key, rule, value, schema, root, where) {
  if (key == "not") {
    fits <- is.null(schema_problem(value, rule, root, where))
    return(if (fits) paste0(where, " must not match a pattern"))
  }
  if (key == "if") {
    fits <- is.null(schema_problem(value, rule, root, where))
    branch <- schema[[if (fits) "then" else "else"]]
    return(schema_problem(value, if (is.null(branch)) list() else branch,
                          root, where))
  }
  NULL # "then" and "else": applied by "if"
}

# pattern and minLength.
string_keyword <- function(key, rule, value, where) {
  if (key == "pattern" && !grepl(rule, value, perl = TRUE)) {
    return(paste0(where, " must match the pattern ", rule))
  }
  if (key == "minLength" && nchar(value) < rule) {
    return(paste0(where, " must have at least ", rule, " characters"))
  }
  NULL
}

# minimum.
number_keyword <- function(key, rule, value, where) {
  if (key == "minimum" && !(value >= rule)) {
    return(paste0(where, " must be at least ", rule))
  }
  NULL
}

# minItems, maxItems and items.
array_keyword <- function(key, rule, value, root, where) {
  if (key == "minItems" && length(value) < rule) {
    return(paste0(where, " must have at least ", rule, " items"))
  }
  if (key == "maxItems" && length(value) > rule) {
    return(paste0(where, " must have at most ", rule, " items"))
  }
  if (key == "items") {
    for (i in seq_along(value)) {
      problem <- schema_problem(value[[i]], rule, root,
                                paste0(where, "[", i - 1L, "]"))
      if (!is.null(problem)) {
        return(problem)
      }
    }
  }
  NULL
}

# required, additionalProperties and properties.
object_keyword <- function(key, rule, value, schema, root, where) {
  missing <- setdiff(unlist(rule), names(value))
  if (key == "required" && length(missing) > 0L) {
    return(paste0(where, " must have the field '", missing[1L], "'"))
  }
  extra <- setdiff(names(value), names(schema$properties))
  if (key == "additionalProperties" && isFALSE(rule) && length(extra) > 0L) {
    return(paste0(where, " has an unknown field '", extra[1L], "'"))
  }
  if (key == "properties") {
    return(properties_problem(rule, value, root, where))
  }
  NULL
}

# The first field of an object that breaks its schema in `rule`.
properties_problem <- function(rule, value, root, where) {
  for (name in intersect(names(rule), names(value))) {
    problem <- schema_problem(value[[name]], rule[[name]], root,
                              paste0(where, ".", name))
    if (!is.null(problem)) {
      return(problem)
    }
  }
  NULL
}

# JSON's types; an integer is any number with no fraction (2.0 too).
json_is_type <- function(kind, value) {
  number <- is.numeric(value) && length(value) == 1L
  switch(kind,
    object = is.list(value) && !is.null(names(value)),
    array = is.list(value) && is.null(names(value)),
    string = is.character(value) && length(value) == 1L,
    boolean = is.logical(value) && length(value) == 1L,
    null = is.null(value),
    number = number,
    integer = number && is.finite(value) && value == round(value)
  )
}

# Equal as JSON values: 1 equals 1.0, but TRUE is not 1.
same_json <- function(a, b) {
  if (is.numeric(a) && is.numeric(b)) {
    return(isTRUE(a == b))
  }
  identical(a, b)
}

# A local reference, #/$defs/name.
schema_resolve <- function(ref, root) {
  node <- root
  for (part in strsplit(sub("^#/", "", ref), "/", fixed = TRUE)[[1L]]) {
    node <- node[[part]]
  }
  node
}
