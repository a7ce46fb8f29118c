"""The Python API: every use case as one function over the service layer."""
