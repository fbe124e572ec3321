"""The committee's log: what each event changed, the hash chain over the events, and the
sentence each event reads as in the reader's language."""
