"""The errors twinnet raises: one class per kind of mistake.

Twin: ``r/R/errors.R``, where each class is an R condition class. One naming
scheme in both languages: ``Twinnet<Category>Error`` here is
``twinnet_<category>_error`` in R (``TwinnetShapeError`` and
``twinnet_shape_error``), and the class attribute ``category`` holds the R
name. The same bad input raises the same kind of error in both languages;
the harness checks that, input by input. The earlier Python names
(``ShapeError``, ``ArgumentError`` ...) remain as aliases of the same classes.
"""


class TwinnetError(Exception):
    """Base class of every twinnet error (R: ``twinnet_error``)."""

    category = "twinnet_error"


class TwinnetArgumentError(TwinnetError, ValueError):
    """A number argument out of range: lr, epochs, batch_size, sizes, seed ..."""

    category = "twinnet_argument_error"


class TwinnetNameError(TwinnetError, ValueError):
    """An unknown name (activation, loss, init, numerics, method)."""

    category = "twinnet_name_error"


class TwinnetTypeError(TwinnetError, TypeError):
    """Data that is not numeric (text columns, objects)."""

    category = "twinnet_type_error"


class TwinnetShapeError(TwinnetError, ValueError):
    """Shapes that do not fit: dimensions, row counts, layer sizes, weights."""

    category = "twinnet_shape_error"


class TwinnetValueError(TwinnetError, ValueError):
    """Data values that do not fit: NaN or Inf, targets invalid for the loss."""

    category = "twinnet_value_error"


class TwinnetConfigError(TwinnetError, ValueError):
    """Options that make no sense together (a loss with the wrong output)."""

    category = "twinnet_config_error"


class TwinnetFixtureError(TwinnetError, ValueError):
    """A fixture or trace file is missing, corrupted or does not fit its format."""

    category = "twinnet_fixture_error"


class TwinnetTrainingError(TwinnetError, FloatingPointError):
    """Training produced NaN or Inf; ``partial`` holds the result so far."""

    category = "twinnet_training_error"

    def __init__(self, message: str, partial=None):
        super().__init__(message)
        self.partial = partial


# The earlier names, kept: the same classes.
ArgumentError = TwinnetArgumentError
NameChoiceError = TwinnetNameError
DataTypeError = TwinnetTypeError
ShapeError = TwinnetShapeError
DataValueError = TwinnetValueError
ConfigError = TwinnetConfigError
FixtureError = TwinnetFixtureError
TrainingError = TwinnetTrainingError
