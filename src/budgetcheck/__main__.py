"""``python -m budgetcheck`` runs the command line."""

from budgetcheck.cli.app import main

main()
