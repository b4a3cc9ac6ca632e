"""The frozen app's entry point: the same ``retold`` command as the installed package."""

import multiprocessing
import sys

from retold.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a no-op unless a worker process is ever started
    sys.exit(main())
