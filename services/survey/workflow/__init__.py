"""Survey's use cases: each a function of (session, principal, now, input) that raises shared.errors."""
