"""The ``model`` layer of the library."""
