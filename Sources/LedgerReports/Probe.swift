public enum LedgerReportsProbe {}
