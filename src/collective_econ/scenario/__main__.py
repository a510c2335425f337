"""``python -m collective_econ.scenario > docs/scenario-reference.md``: the reference page."""

from .reference import reference_markdown

print(reference_markdown(), end="")
