"""Multiple systems estimation (capture-recapture): how many people are missing from every list.

numpy, scipy, pandas and numba (the compiled LCMCR sampler, lcmcr_kernel.py) only; statsmodels is the reference
the written-out Poisson IRLS (poisson.py) is tested and benchmarked against.
patterns.py holds the capture-pattern tables, loglinear.py the log-linear models with profile-likelihood
intervals, two_lists.py Chapman's two-list estimate, lcmcr.py the Bayesian latent-class model, result.py the
result type shared by all.
"""
