"""The side-by-side with other help desks (README.md): run by run.py, never imported by the app."""
