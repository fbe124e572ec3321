"""Demo data for `manage.py seed_demo`: BIMUN 2024's C34 committee and its background guide."""
