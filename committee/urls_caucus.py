"""The dais's caucus actions (each a POST to a view that calls one service)."""

urlpatterns: list = []
