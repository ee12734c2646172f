"""python -m pont"""

import sys

from pont.cli.main import main

sys.exit(main())
