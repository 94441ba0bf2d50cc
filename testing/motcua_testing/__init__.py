"""Support for the test suites: factories and helpers (never imported by the application)."""
