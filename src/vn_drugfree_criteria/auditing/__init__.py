"""The ``auditing`` layer of the library."""
