"""Example data as a user would hold it: a DataFrame and labels.

R users have ``datasets::iris``; Python users get the very same numbers
here (the shared fixture written from R's copy: scikit-learn's iris differs
in two values), so the two front doors can be compared bit for bit.
"""

import numpy as np
import pandas as pd

from twinnet.fixtures import read_dataset

IRIS_COLUMNS = ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"]
IRIS_SPECIES = np.array(["setosa", "versicolor", "virginica"])


def load_iris() -> tuple[pd.DataFrame, pd.Series]:
    """R's ``iris``: the four measurements (R's column names and order), the species as text.

    Returns
    -------
    X : pandas.DataFrame, shape (150, 4)
    y : pandas.Series of str, named ``"Species"``
    """
    data = read_dataset("iris")
    X = pd.DataFrame(data["X"], columns=IRIS_COLUMNS)
    y = pd.Series(IRIS_SPECIES[data["y"].argmax(axis=1)], name="Species")
    return X, y
