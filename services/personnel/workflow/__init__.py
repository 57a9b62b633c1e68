"""Personnel's use cases, one module per group: the API, inbound messages and CSV imports all call these."""
