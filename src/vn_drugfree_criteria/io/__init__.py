"""The ``io`` layer of the library."""
