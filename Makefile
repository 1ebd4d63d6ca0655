# twinnet: `make test` and `make demo` set the machine up by themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := test

VENV    := .venv
PY      := $(VENV)/bin/python
RLIB    := $(abspath $(VENV)/r-lib)
R_DEBS  := r-base-core r-base-dev r-cran-testthat r-cran-jsonlite r-cran-digest \
           r-cran-roxygen2 r-cran-lintr r-cran-withr r-cran-knitr r-cran-markdown \
           r-cran-optparse r-cran-progress
R_PKGS  := testthat jsonlite digest roxygen2 lintr withr knitr markdown optparse progress
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
R_SRC   := r/DESCRIPTION r/NAMESPACE $(wildcard r/R/*.R) $(wildcard r/exec/*)
FIXTURES := $(wildcard shared_fixtures/*/*.json) shared_fixtures/MANIFEST.sha256 \
            shared_fixtures/bad_inputs.json
PY_FIXTURES := python/src/twinnet/_fixtures

# One BLAS thread everywhere: reproducible timings, no oversubscription.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export VECLIB_MAXIMUM_THREADS := 1
export NUMEXPR_NUM_THREADS := 1
# R (Rscript and the R embedded by rpy2) finds the package here, and R's
# command line runs Python jobs with the venv's Python.
export R_LIBS := $(RLIB)
export TWINNET_PYTHON := $(abspath $(PY))

.PHONY: setup system browser lint test test-python test-r check-r test-parity demo \
        bench fixtures docs docs-r clean

## setup: R from Debian, the venv with both packages (idempotent, fast the 2nd time)
setup: system $(PY_FIXTURES)/MANIFEST.sha256 $(VENV)/.python-ok $(RLIB)/twinnet/DESCRIPTION

# R's BLAS, chosen per process: R (Rscript, R CMD, and the R that rpy2
# embeds) gets Debian's OpenBLAS (single-threaded by the variables above)
# through the library path, whatever the machine's libblas.so.3 alternative
# says. Exact mode gives the same bits on every BLAS (tests/test_blas_both.py
# runs it on reference BLAS and on OpenBLAS); fast mode's drift table and
# the benchmark are measured with OpenBLAS. R's own start script puts /usr/lib/<triplet> first, hence
# R_LD_LIBRARY_PATH.
MULTIARCH := $(shell gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)
OPENBLAS  := /usr/lib/$(MULTIARCH)/openblas-pthread
REFBLAS   := /usr/lib/$(MULTIARCH)/blas
export LD_LIBRARY_PATH := $(OPENBLAS)$(if $(LD_LIBRARY_PATH),:$(LD_LIBRARY_PATH))
export R_LD_LIBRARY_PATH := $(shell R RHOME 2>/dev/null || echo /usr/lib/R)/lib:$(OPENBLAS):/usr/lib/$(MULTIARCH)

system:
	@missing=$$(command -v Rscript >/dev/null && Rscript -e \
	  'p <- c($(foreach p,$(R_PKGS),"$(p)",)NULL); cat(p[!vapply(p, requireNamespace, TRUE, quietly = TRUE)])' \
	  2>/dev/null || echo R); \
	if [ -n "$$missing" ]; then \
	  echo "installing R and R packages from Debian (missing: $$missing)"; \
	  if ! command -v apt-get >/dev/null || { [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; }; then \
	    echo "no apt-get or root: install R >= 4.2 and the R packages $(R_PKGS) by hand" >&2; exit 1; \
	  fi; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $(R_DEBS) >/dev/null; \
	fi
	@# OpenBLAS for R's speed, and the reference BLAS that the BLAS test
	@# compares it with; which one the machine's libblas.so.3 points to does
	@# not matter (see above), so its alternatives are left as apt sets them.
	@if [ ! -e $(OPENBLAS)/libblas.so.3 ] || [ ! -e $(REFBLAS)/libblas.so.3 ]; then \
	  echo "installing libopenblas0-pthread and libblas3 for R"; \
	  if ! command -v apt-get >/dev/null || { [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; }; then \
	    echo "no apt-get or root: R uses its default BLAS; fast-mode bounds may not hold" >&2; exit 0; \
	  fi; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends libopenblas0-pthread libblas3 >/dev/null; \
	fi

## browser: Debian's chromium, for the test that opens the side-by-side page
browser:
	@command -v chromium >/dev/null || { echo "installing chromium from Debian"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends chromium >/dev/null; }

# rpy2 3.5.17 has no wheel: pip builds it, and its API mode compiles against
# Python.h, which a plain Debian lacks (python3-dev). Setup installs the headers
# of the Python in use (python3.X-dev) when it can; where it cannot (no apt, no
# root, a Python not from Debian), rpy2 is built in its ABI mode, which needs no
# compiler and no headers and gives the same results, only slower calls into R.
$(VENV)/.python-ok: python/pyproject.toml tests/requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	@inc=$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["include"])'); \
	if [ ! -e "$$inc/Python.h" ] && [ "$${inc#/usr/include/python3}" != "$$inc" ] && \
	   command -v apt-get >/dev/null && { [ -z "$(SUDO)" ] || command -v sudo >/dev/null; }; then \
	  echo "installing $$(basename $$inc)-dev from Debian (Python.h, to build rpy2)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $$(basename $$inc)-dev >/dev/null || true; \
	fi; \
	if [ ! -e "$$inc/Python.h" ]; then \
	  echo "no Python.h for $(PY): building rpy2 in its ABI mode"; export RPY2_CFFI_MODE=ABI; \
	fi; \
	$(PY) -m pip install -q --disable-pip-version-check -r tests/requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check -e "python[sklearn]"
	touch $@

# Each package carries a copy of the shared fixtures (committed, so a one-language
# install from a clone stands alone); setup refreshes both copies when they change.
$(PY_FIXTURES)/MANIFEST.sha256 r/inst/fixtures/MANIFEST.sha256: $(FIXTURES)
	for d in $(PY_FIXTURES) r/inst/fixtures; do rm -rf $$d && mkdir -p $$d && \
	  cp -r shared_fixtures/MANIFEST.sha256 shared_fixtures/bad_inputs.json shared_fixtures/cases \
	    shared_fixtures/datasets shared_fixtures/schema shared_fixtures/golden $$d/; done

$(RLIB)/twinnet/DESCRIPTION: $(R_SRC) r/inst/fixtures/MANIFEST.sha256
	mkdir -p $(RLIB)
	R CMD INSTALL --no-multiarch -l $(RLIB) r > $(VENV)/r-install.log 2>&1 || \
	  { cat $(VENV)/r-install.log; exit 1; }

## lint: ruff (Python) and lintr (R)
lint: setup
	$(VENV)/bin/ruff check --config python/pyproject.toml python tests tools shared_fixtures docs
	$(VENV)/bin/ruff format --config python/pyproject.toml --check python tests tools shared_fixtures docs
	Rscript -e 'l <- c(lintr::lint_package("r"), lintr::lint("docs/examples/article.R"), lintr::lint("docs/examples/article_buggy.R"))' \
	  -e 'print(l); quit(status = length(l) > 0)'

## test: lint, each language alone, R CMD check and the parity harness, side by side
# Side by side on the machine's two cores (each step's output printed whole
# when it ends): the parity harness on two pytest-xdist workers, and beside it
# two of test-r, test-python, lint and check-r at a time (make -j3: when the
# harness ends first, the other steps still fill both cores).
# testthat's suite runs once: test-r runs it against the package installed in
# .venv/r-lib (built from r/ by setup, the very sources R CMD check builds),
# and check-r runs every other check with --no-tests.
test: setup browser
	$(MAKE) --no-print-directory -j3 --output-sync=target test-parity test-r test-python lint check-r

test-python: setup
	$(PY) -m pytest -q python/tests

test-r: setup
	Rscript -e 'testthat::test_dir("r/tests/testthat", package = "twinnet", load_package = "installed", stop_on_failure = TRUE, reporter = "check")'

# CHECK_FLAGS=  (empty) runs the testthat tests inside R CMD check as well.
CHECK_FLAGS ?= --no-tests
check-r: setup
	rm -rf $(VENV)/check && mkdir -p $(VENV)/check
	cd $(VENV)/check && R CMD build ../../r >/dev/null && \
	  _R_CHECK_FUTURE_FILE_TIMESTAMPS_=false R CMD check --no-manual $(CHECK_FLAGS) twinnet_*.tar.gz \
	  > check.log 2>&1; status=$$?; tail -n 15 check.log; \
	  if [ $$status -ne 0 ] || grep -qE '^Status:.*(ERROR|WARNING)' check.log; then \
	    cat twinnet.Rcheck/00check.log; exit 1; fi

# Two workers, each with its own embedded R; the fast-mode drift tests share
# one (--dist loadgroup) so that the drift table's completeness check sees
# them all. PARITY_WORKERS=0 runs the harness in one process.
PARITY_WORKERS ?= 2
test-parity: setup browser
	$(PY) -m pytest -n $(PARITY_WORKERS) --dist loadgroup tests

## demo: the article reproduced in both languages, parity, plots (docs/site/plots/)
demo: setup
	$(PY) tools/demo.py

## bench: exact/fast ratios per epoch, both languages; then the growth table
bench: setup
	$(PY) tools/bench.py
	$(PY) tools/growth.py

## fixtures: rewrite shared_fixtures/ (needs scikit-learn, installed on demand)
fixtures: setup
	$(PY) -m pip install -q --disable-pip-version-check scikit-learn
	Rscript shared_fixtures/iris.R shared_fixtures
	$(PY) shared_fixtures/make_bad_inputs.py
	$(PY) shared_fixtures/make_bad_cli.py
	$(PY) shared_fixtures/generate.py
	$(MAKE) setup

## docs: the side-by-side page, docs/site/index.html, and a screenshot of it
docs: setup browser
	$(PY) docs/page/build.py docs/site/index.html
	cd docs/site && chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --hide-scrollbars --window-size=1400,2400 --screenshot=screenshot.png index.html 2>/dev/null
	@echo "open docs/site/index.html in a browser (screenshot: docs/site/screenshot.png)"

## docs-r: regenerate the R package's NAMESPACE and man/ with roxygen2
docs-r: system
	Rscript -e 'roxygen2::roxygenise("r")'

clean:
	rm -rf $(VENV) python/src/*.egg-info
