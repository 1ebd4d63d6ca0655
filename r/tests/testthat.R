library(testthat)
library(twinnet)

test_check("twinnet")
