"""The version of collective_econ (read by the build and by run metadata)."""

__version__ = "0.1.0"
