"""The ``vocab`` layer of the library."""
