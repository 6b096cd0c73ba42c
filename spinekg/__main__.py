"""``python -m spinekg`` runs the command line."""

from .faces.cli import main

raise SystemExit(main())
