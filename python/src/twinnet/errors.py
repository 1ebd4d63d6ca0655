"""The errors twinnet raises: one class per kind of mistake.

Twin: ``r/R/errors.R``, where each class is an R condition class; the
class attribute ``category`` holds its name (``ShapeError.category ==
"twinnet_shape_error"``). The same bad input raises the same kind of error
in both languages; the harness checks that, input by input.
"""


class TwinnetError(Exception):
    """Base class of every twinnet error (R: ``twinnet_error``)."""

    category = "twinnet_error"


class ArgumentError(TwinnetError, ValueError):
    """A number argument out of range: lr, epochs, batch_size, sizes, seed ..."""

    category = "twinnet_argument_error"


class NameChoiceError(TwinnetError, ValueError):
    """An unknown name (activation, loss, init, numerics, method)."""

    category = "twinnet_name_error"


class DataTypeError(TwinnetError, TypeError):
    """Data that is not numeric (text columns, objects)."""

    category = "twinnet_type_error"


class ShapeError(TwinnetError, ValueError):
    """Shapes that do not fit: dimensions, row counts, layer sizes, weights."""

    category = "twinnet_shape_error"


class DataValueError(TwinnetError, ValueError):
    """Data values that do not fit: NaN or Inf, targets invalid for the loss."""

    category = "twinnet_value_error"


class ConfigError(TwinnetError, ValueError):
    """Options that make no sense together (a loss with the wrong output)."""

    category = "twinnet_config_error"


class FixtureError(TwinnetError, ValueError):
    """A fixture file is missing, corrupted or does not match the manifest."""

    category = "twinnet_fixture_error"


class TrainingError(TwinnetError, FloatingPointError):
    """Training produced NaN or Inf; ``partial`` holds the result so far."""

    category = "twinnet_training_error"

    def __init__(self, message: str, partial=None):
        super().__init__(message)
        self.partial = partial
