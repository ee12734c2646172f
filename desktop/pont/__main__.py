"""python -m pont"""

import sys

from pont.cli import main

sys.exit(main())
