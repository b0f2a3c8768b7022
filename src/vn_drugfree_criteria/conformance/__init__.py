"""The ``conformance`` layer of the library."""
