"""The demo city's reference data, kept as readable Python so it is easy to review and edit.

- organisation.py: jurisdictions, calendars, departments and teams, staff
- catalogue.py: services, their questions and service standards
- knowledge.py: knowledge-base articles in English and Spanish
- people.py: names, streets and words used to make residents and cases
"""
