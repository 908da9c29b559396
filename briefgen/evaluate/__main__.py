"""`python -m briefgen.evaluate`: see briefgen.evaluate.main."""

import sys

from briefgen.evaluate import main

sys.exit(main())
