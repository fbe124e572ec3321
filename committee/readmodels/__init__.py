"""Read models for the floor's panels: what each panel shows, computed from a FloorView.

FloorView (committee/selectors.py) builds each panel lazily, once per render, from the floor
document it has already loaded, so a panel adds no queries of its own.
"""
