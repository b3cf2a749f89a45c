"""The benchmark: a synthetic graph of our shape, a query mix, peers measured in one run, a report."""
