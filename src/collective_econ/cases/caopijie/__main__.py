"""``python -m collective_econ.cases.caopijie > src/collective_econ/cases/caopijie/caopijie.toml``.

Writes the embedded case's scenario file as the writer makes it from the Python
definition of the case (:func:`.policies.python_default_scenario`), with comments.
"""

from ...scenario import dumps
from .policies import python_default_scenario

print(dumps(python_default_scenario(), comments=True), end="")
