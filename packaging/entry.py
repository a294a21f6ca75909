"""Entry point of the frozen OrderDesk (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Worker processes of a frozen app re-run this file; freeze_support hands them over.
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
