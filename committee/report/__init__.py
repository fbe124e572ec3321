"""The final report of a committee: its tables, charts and exports."""
