"""The peers measured in one run: each starts, loads the same data, answers queries, reports memory, stops."""
