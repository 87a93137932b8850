"""``python -m budgetcheck`` runs the command line."""

from .cli import main

main()
