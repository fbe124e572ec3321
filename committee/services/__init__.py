"""Every write to the committee's state goes through a function in this package.

Each function takes keyword-only arguments, runs in one transaction, and asks
committee.realtime to push the screens that changed once the transaction has committed.
Modules by subject: setup (conferences, committees, rosters, dais), credentials (access codes,
bound phones, the projector link), presence (connected phones) and floor (the live session).
"""
