"""``python -m collective_econ.docs_numbers``: regenerate the documentation's figures."""

from . import main

raise SystemExit(main())
