"""The ``cli`` layer of the library."""
