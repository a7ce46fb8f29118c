"""Multiple systems estimation (capture-recapture): how many people are missing from every list.

numpy, scipy, statsmodels, pandas and numba (the compiled LCMCR sampler, lcmcr_kernel.py) only.
patterns.py holds the capture-pattern tables, loglinear.py the log-linear models with profile-likelihood
intervals, two_lists.py Chapman's two-list estimate, lcmcr.py the Bayesian latent-class model, result.py the
result type shared by all.
"""
