"""``python -m collective_econ.cases.caopijie.validation > docs/validation.md``."""

from . import render

print(render())
