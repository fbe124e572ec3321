"""`make bench`: the live push of the real app measured over loopback, against a bare floor.

See bench/README.md. Nothing here is imported by the app; tests/bench checks the parts that
need no server (the websocket frame reader and the summaries).
"""
