"""``python -m alliancescore`` runs the command line."""

from alliancescore.cli import main

raise SystemExit(main())
