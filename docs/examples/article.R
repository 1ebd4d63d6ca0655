# Replay the article's detailed section with twinnet's R API.
#
# Run: Rscript docs/examples/article.R   (twin file: article.py)
#
# The replay is r/R/article.R (twin: python/src/twinnet/article.py); read
# the two side by side. The command line runs it too:
# Rscript -e 'twinnet::cli_main()' article
args <- commandArgs(trailingOnly = TRUE)
twinnet::replay_article(if (length(args) > 0L) args[1L] else "exact")
